import { describe, expect, it } from 'vitest';
import { initialData, initialError } from './initial';

describe('server-rendered first page', () => {
  const input = { page: 1, pageSize: 20, sort: 'name' };

  it('is used only for the exact input the server rendered', () => {
    const initial = { input, data: { items: [1] } };
    expect(initialData(initial, { page: 1, pageSize: 20, sort: 'name' })).toEqual({ items: [1] });
    expect(initialData(initial, { ...input, page: 2 })).toBeUndefined();
    expect(initialData(undefined, input)).toBeUndefined();
  });

  it('carries the server error for that input only', () => {
    const initial = { input, error: 'You are not authorized' } as const;
    expect(initialData(initial, input)).toBeUndefined();
    expect(initialError(initial, input)).toBe('You are not authorized');
    expect(initialError(initial, { ...input, sort: 'id' })).toBeUndefined();
  });
});
