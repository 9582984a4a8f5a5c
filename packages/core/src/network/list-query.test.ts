import { describe, expect, it } from 'vitest';
import { applyListQuery, pick } from './list-query';

const docs = [
  { id: 'a', name: 'web', shared: false, mtu: 1450, fixed_ips: [{ subnet_id: 's1', ip_address: '10.0.0.3' }] },
  { id: 'b', name: 'db', shared: true, mtu: 1500, fixed_ips: [{ subnet_id: 's1', ip_address: '10.0.0.4' }] },
  { id: 'c', name: 'web', shared: false, mtu: 1400, fixed_ips: [] },
  { id: 'd', name: 'ops', shared: false, mtu: 1450, fixed_ips: [{ subnet_id: 's2', ip_address: '10.1.0.3' }] },
];
const q = (s: string) => new URLSearchParams(s);
const ids = (s: string) => applyListQuery(docs, q(s)).items.map((d) => d.id);

describe('Neutron list queries', () => {
  it('filters on any attribute, a repeated filter meaning any of its values', () => {
    expect(ids('name=web')).toEqual(['a', 'c']);
    expect(ids('name=web&name=db')).toEqual(['a', 'b', 'c']);
    expect(ids('shared=True')).toEqual(['b']);
    expect(ids('mtu=1450&name=ops')).toEqual(['d']);
    expect(ids('fixed_ips=ip_address%3D10.0.0.4')).toEqual(['b']);
    expect(ids('fixed_ips=subnet_id%3Ds1')).toEqual(['a', 'b']);
  });

  it('refuses filters and sort keys on attributes the resource lacks, naming them', () => {
    expect(() => ids('colour=red')).toThrow(expect.objectContaining({ status: 400, field: 'colour' }));
    expect(() => ids('sort_key=colour')).toThrow(expect.objectContaining({ field: 'sort_key' }));
    expect(() => ids('sort_key=name&sort_dir=up')).toThrow(expect.objectContaining({ field: 'sort_dir' }));
  });

  it('sorts by paired keys and directions, then by id', () => {
    expect(ids('sort_key=mtu&sort_dir=desc')).toEqual(['b', 'a', 'd', 'c']);
    expect(ids('sort_key=name&sort_dir=asc&sort_key=mtu&sort_dir=desc')).toEqual(['b', 'd', 'a', 'c']);
  });

  it('pages with limit and marker, linking the next and previous pages', () => {
    const first = applyListQuery(docs, q('limit=2'));
    expect(first.items.map((d) => d.id)).toEqual(['a', 'b']);
    expect(first.next?.get('marker')).toBe('b');
    expect(first.previous).toBeNull();
    const second = applyListQuery(docs, first.next!);
    expect(second.items.map((d) => d.id)).toEqual(['c', 'd']);
    expect(second.next).toBeNull();
    expect(second.previous?.get('marker')).toBe('c');
    expect(second.previous?.get('page_reverse')).toBe('True');
    expect(applyListQuery(docs, second.previous!).items.map((d) => d.id)).toEqual(['a', 'b']);
    expect(() => ids('limit=x')).toThrow(expect.objectContaining({ field: 'limit' }));
    expect(() => ids('limit=1&marker=zz')).toThrow(expect.objectContaining({ field: 'marker' }));
  });

  it('selects fields', () => {
    expect(applyListQuery(docs, q('fields=id&fields=name&name=ops')).items).toEqual([{ id: 'd', name: 'ops' }]);
    expect(pick(docs[0]!, ['mtu', 'nope'])).toEqual({ mtu: 1450 });
  });
});
