import { describe, expect, it } from 'vitest';
import { DEFAULT_MULTIPLIERS, noValidHostMessage, selectHosts, weigh } from './select.js';
import { host } from './test-hosts.js';
import type { GroupPlacement, HostState, RequestSpec } from './types.js';

const group = (policy: GroupPlacement['policy'], membersOnHost: Record<string, number>, maxServerPerHost = 1): GroupPlacement => ({ id: 'g-1', policy, maxServerPerHost, membersOnHost });
const spec = (g: GroupPlacement | null): RequestSpec => ({ instanceId: 'i-1', vcpus: 1, memoryMb: 512, rootGb: 1, group: g });
const names = (hosts: { host: HostState }[]) => hosts.map((h) => h.host.name);
const hosts = [host('a'), host('b'), host('c')];

describe('ServerGroupAntiAffinityFilter', () => {
  it('keeps hosts without a member and explains the others', () => {
    const s = selectHosts(hosts, spec(group('anti-affinity', { 'id-a': 1, 'id-b': 1 })));
    expect(names(s.hosts)).toEqual(['c']);
    const all = selectHosts(hosts, spec(group('anti-affinity', { 'id-a': 1, 'id-b': 1, 'id-c': 1 })));
    expect(all.hosts).toEqual([]);
    expect(noValidHostMessage(3, all.reports)).toBe('No valid host was found. ServerGroupAntiAffinityFilter: 3 hosts, already host a member of group g-1');
  });

  it('honours max_server_per_host', () => {
    const s = selectHosts(hosts, spec(group('anti-affinity', { 'id-a': 2, 'id-b': 1 }, 2)));
    expect(names(s.hosts).sort()).toEqual(['b', 'c']);
    expect(s.reports[0]).toMatchObject({ filter: 'ServerGroupAntiAffinityFilter', explanation: 'already host 2 members of group g-1' });
  });

  it('leaves other policies and ungrouped requests alone', () => {
    expect(selectHosts(hosts, spec(group('affinity', {}))).hosts).toHaveLength(3);
    expect(selectHosts(hosts, spec(group('soft-anti-affinity', { 'id-a': 5 }))).hosts).toHaveLength(3);
    expect(selectHosts(hosts, spec(null)).hosts).toHaveLength(3);
  });
});

describe('ServerGroupAffinityFilter', () => {
  it('lets the first member go anywhere, then keeps the members together', () => {
    expect(selectHosts(hosts, spec(group('affinity', {}))).hosts).toHaveLength(3);
    const s = selectHosts(hosts, spec(group('affinity', { 'id-b': 2 })));
    expect(names(s.hosts)).toEqual(['b']);
    expect(s.reports[0]).toMatchObject({ filter: 'ServerGroupAffinityFilter', rejected: [{ host: 'a' }, { host: 'c' }] });
  });

  it('explains a full host of the group after the capacity filter', () => {
    const s = selectHosts([host('a'), host('b', { memoryMbUsed: 8000 })], spec(group('affinity', { 'id-b': 1 })));
    expect(noValidHostMessage(2, s.reports)).toBe(
      'No valid host was found. RamFilter: 1 host, need 512 MB, most free 192 MB; ServerGroupAffinityFilter: 1 host, not the host of the members of group g-1',
    );
  });
});

describe('soft group weighers', () => {
  it('soft-affinity prefers the host with the most members, over RAM spread', () => {
    const hs = [host('a'), host('b', { memoryMbUsed: 1024 }), host('c', { memoryMbUsed: 2048 })];
    const ws = weigh(hs, spec(group('soft-affinity', { 'id-c': 2, 'id-b': 1 })), { ...DEFAULT_MULTIPLIERS, softAffinity: 2 });
    expect(names(ws)).toEqual(['c', 'b', 'a']);
  });

  it('soft-anti-affinity prefers hosts with the fewest members', () => {
    const ws = weigh(hosts, spec(group('soft-anti-affinity', { 'id-a': 2, 'id-b': 1 })), DEFAULT_MULTIPLIERS);
    expect(names(ws)).toEqual(['c', 'b', 'a']);
    expect(ws.map((w) => w.weight)).toEqual([1, 0.5, 0]);
  });

  it('a multiplier of 0 switches them off', () => {
    const ws = weigh(hosts, spec(group('soft-anti-affinity', { 'id-a': 2 })), { ...DEFAULT_MULTIPLIERS, softAntiAffinity: 0 });
    expect(ws.every((w) => w.weight === 0)).toBe(true);
  });
});
