import { describe, expect, it } from 'vitest';
import { formErrorsOf } from './server-errors';

describe('formErrorsOf', () => {
  it('puts a core validation error under its field without the Keystone prefix', () => {
    const err = { message: "Invalid input for field 'name': must not be blank", data: { field: 'name', zodError: null } };
    expect(formErrorsOf(err, ['name'])).toEqual({ fields: { name: 'Must not be blank' }, form: undefined });
  });

  it('maps server names to form names', () => {
    const err = { message: 'Cannot create project, since its parent is in a different domain.', data: { field: 'parent_id' } };
    expect(formErrorsOf(err, ['parentId'], { parent_id: 'parentId' }).fields).toEqual({
      parentId: 'Cannot create project, since its parent is in a different domain.',
    });
  });

  it('uses zod field errors from the tRPC input schema', () => {
    const err = { message: 'bad', data: { field: null, zodError: { fieldErrors: { confirm: ['Passwords do not match'], other: ['x'] }, formErrors: [] } } };
    expect(formErrorsOf(err, ['password', 'confirm'])).toEqual({ fields: { confirm: 'Passwords do not match' }, form: undefined });
  });

  it('puts a conflict under the field it names', () => {
    const err = { message: 'Duplicate entry found with name admin.', data: { field: null, code: 'CONFLICT' } };
    expect(formErrorsOf(err, ['name'], {}, 'name')).toEqual({ fields: { name: 'Duplicate entry found with name admin.' }, form: undefined });
  });

  it('falls back to a form-level message', () => {
    expect(formErrorsOf({ message: 'Conflict occurred', data: { field: null } }, ['name'])).toEqual({ fields: {}, form: 'Conflict occurred' });
    expect(formErrorsOf({ message: 'x', data: { field: 'domain_id' } }, ['name']).form).toBe('x');
    expect(formErrorsOf(undefined, ['name']).form).toBe('Something went wrong.');
  });
});
