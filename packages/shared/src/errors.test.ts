import { describe, expect, it } from 'vitest';
import { BadRequest, Conflict, isNimbusError, NimbusError, NotFound } from './errors';

describe('error family', () => {
  it('carries status, kind and field', () => {
    const e = new BadRequest("Invalid input for field 'name'", { field: 'name' });
    expect(e.status).toBe(400);
    expect(e.kind).toBe('BadRequest');
    expect(e.field).toBe('name');
    expect(e.name).toBe('BadRequest');
  });

  it('instanceof holds for errors made by another copy of this module', () => {
    // What a second module instance's NotFound looks like: same name and brand, other class.
    const foreign = Object.assign(new Error('gone'), { name: 'NotFound', status: 404, kind: 'NotFound', [Symbol.for('nimbus.error')]: true });
    expect(foreign instanceof NotFound).toBe(true);
    expect(foreign instanceof NimbusError).toBe(true);
    expect(foreign instanceof Conflict).toBe(false);
    expect(isNimbusError(foreign)).toBe(true);
    expect(isNimbusError(new Error('plain'))).toBe(false);
    expect(new Error('plain') instanceof NimbusError).toBe(false);
  });
});
