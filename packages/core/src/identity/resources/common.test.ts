import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { extraOf, pageInMemory, parseInput, queryBoolean, zName } from './common.js';

describe('parseInput', () => {
  const schema = z.object({ name: zName, enabled: z.boolean().optional(), nested: z.object({ id: z.string() }).optional() });

  it('names the missing field the way Keystone does', () => {
    expect(() => parseInput(schema, {})).toThrow(expect.objectContaining({ status: 400, field: 'name', message: "Invalid input for field 'name': 'name' is a required property" }));
  });

  it('names a wrongly typed field, nested fields with their path and a prefix', () => {
    expect(() => parseInput(schema, { name: 'x', enabled: 'yes' })).toThrow(expect.objectContaining({ field: 'enabled' }));
    expect(() => parseInput(schema, { name: 'x', nested: { id: 1 } }, 'project')).toThrow(expect.objectContaining({ field: 'project.nested.id' }));
  });

  it('refuses blank names', () => {
    expect(() => parseInput(schema, { name: '   ' })).toThrow(expect.objectContaining({ field: 'name', message: expect.stringContaining('blank') }));
  });

  it('returns the parsed value', () => {
    expect(parseInput(schema, { name: 'ok' })).toEqual({ name: 'ok' });
  });
});

describe('query strings and extras', () => {
  it('reads Keystone booleans', () => {
    expect(queryBoolean(null)).toBeUndefined();
    expect(queryBoolean('')).toBe(true);
    expect(queryBoolean('True')).toBe(true);
    for (const no of ['0', 'false', 'No', 'off']) expect(queryBoolean(no)).toBe(false);
  });

  it('keeps what is not a column as extra', () => {
    expect(extraOf({ name: 'a', team: 'blue', links: {} }, ['name', 'links'])).toEqual({ team: 'blue' });
  });
});

describe('pageInMemory', () => {
  const rows = ['a', 'b', 'c', 'd', 'e'];
  it('cuts pages after the marker', () => {
    expect(pageInMemory(rows, (r) => r, { limit: 2 })).toEqual({ items: ['a', 'b'], nextMarker: 'b' });
    expect(pageInMemory(rows, (r) => r, { limit: 2, marker: 'b' })).toEqual({ items: ['c', 'd'], nextMarker: 'd' });
    expect(pageInMemory(rows, (r) => r, { limit: 2, marker: 'd' })).toEqual({ items: ['e'], nextMarker: null });
    expect(pageInMemory(rows, (r) => r, { marker: 'zz' })).toEqual({ items: [], nextMarker: null });
  });
});
