import { describe, expect, it } from 'vitest';
import { applyPatch, parseTableState, serializeTableState, type TableSpec } from './url-state';

const spec: TableSpec<'name' | 'id', 'enabled' | 'action'> = {
  sorts: ['name', 'id'],
  defaultSort: 'name',
  filters: { enabled: ['true', 'false'], action: 'text' },
};

describe('parseTableState', () => {
  it('gives the defaults for an empty query', () => {
    expect(parseTableState(new URLSearchParams(), spec)).toEqual({
      page: 1, pageSize: 20, sort: 'name', dir: 'asc', q: '', filters: { enabled: '', action: '' },
    });
  });

  it('reads every field from URLSearchParams and from a Next searchParams record', () => {
    const qs = 'page=3&size=50&sort=id&dir=desc&q=%20web%20&enabled=false&action=create';
    const expected = { page: 3, pageSize: 50, sort: 'id', dir: 'desc', q: 'web', filters: { enabled: 'false', action: 'create' } };
    expect(parseTableState(new URLSearchParams(qs), spec)).toEqual(expected);
    expect(parseTableState({ page: ['3', '9'], size: '50', sort: 'id', dir: 'desc', q: ' web ', enabled: 'false', action: 'create' }, spec)).toEqual(expected);
  });

  it('falls back to defaults for invalid values', () => {
    const state = parseTableState(new URLSearchParams('page=-2&size=7&sort=password&dir=up&enabled=maybe'), spec);
    expect(state).toMatchObject({ page: 1, pageSize: 20, sort: 'name', dir: 'asc', filters: { enabled: '' } });
    expect(parseTableState(new URLSearchParams('page=1e9'), spec).page).toBe(1);
    expect(parseTableState(new URLSearchParams('page=0'), spec).page).toBe(1);
  });

  it('caps free text', () => {
    expect(parseTableState(new URLSearchParams(`q=${'x'.repeat(1000)}`), spec).q).toHaveLength(255);
  });
});

describe('serializeTableState', () => {
  it('omits defaults and round-trips', () => {
    const base = parseTableState(new URLSearchParams(), spec);
    expect(serializeTableState(base, spec)).toBe('');
    const state = { ...base, page: 2, pageSize: 100, sort: 'id' as const, dir: 'desc' as const, q: 'a b', filters: { enabled: 'true', action: '' } };
    const qs = serializeTableState(state, spec);
    expect(qs).toBe('q=a+b&enabled=true&sort=id&dir=desc&size=100&page=2');
    expect(parseTableState(new URLSearchParams(qs), spec)).toEqual(state);
  });

  it('keeps a non-default direction on the default sort', () => {
    const state = { ...parseTableState(new URLSearchParams(), spec), dir: 'desc' as const };
    expect(serializeTableState(state, spec)).toBe('sort=name&dir=desc');
  });

  it('honours a spec default direction', () => {
    const desc: TableSpec<'time', never> = { sorts: ['time'], defaultSort: 'time', defaultDir: 'desc' };
    expect(serializeTableState(parseTableState(new URLSearchParams(), desc), desc)).toBe('');
  });
});

describe('applyPatch', () => {
  const at3 = { ...parseTableState(new URLSearchParams(), spec), page: 3 };

  it('moves pages without touching the rest', () => {
    expect(applyPatch(at3, { page: 4 })).toEqual({ ...at3, page: 4 });
  });

  it('returns to page 1 when the filter, sort or page size changes', () => {
    expect(applyPatch(at3, { q: 'x' }).page).toBe(1);
    expect(applyPatch(at3, { sort: 'id' }).page).toBe(1);
    expect(applyPatch(at3, { pageSize: 50 }).page).toBe(1);
    expect(applyPatch(at3, { filters: { enabled: 'true' } })).toMatchObject({ page: 1, filters: { enabled: 'true', action: '' } });
  });

  it('keeps the page when nothing really changed', () => {
    expect(applyPatch(at3, { q: '' }).page).toBe(3);
  });
});
