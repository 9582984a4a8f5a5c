import { describe, expect, it } from 'vitest';
import { DEFAULT_MULTIPLIERS, noValidHostMessage, selectHosts, weigh } from './select.js';
import { host } from './test-hosts.js';
import type { RequestSpec } from './types.js';
import { normalize } from './weighers/index.js';

const spec = (over: Partial<RequestSpec> = {}): RequestSpec => ({ instanceId: 'i-1', vcpus: 1, memoryMb: 512, rootGb: 1, ...over });
const names = (s: ReturnType<typeof selectHosts>) => s.hosts.map((h) => h.host.name);

describe('filters', () => {
  it('ComputeFilter drops down, disabled and non-compute nodes, saying why', () => {
    const s = selectHosts(
      [host('a'), host('b', { state: 'down' }), host('c', { enabled: false }), host('d', { roles: ['network'] }), host('e', { state: 'down' })],
      spec(),
    );
    expect(names(s)).toEqual(['a']);
    expect(s.reports).toEqual([expect.objectContaining({ filter: 'ComputeFilter', explanation: '2 down, 1 disabled, 1 not a compute node' })]);
  });

  it('RamFilter applies the allocation ratio and reports the most free', () => {
    const s = selectHosts(
      [
        host('a', { memoryMb: 2048, ramAllocationRatio: 1.5 }), // 3072 free
        host('b', { memoryMb: 4096, memoryMbUsed: 2048 }), // 2048 free
        host('c', { memoryMb: 4096, ramAllocationRatio: 1.5, memoryMbUsed: 2048 }), // 4096 free: fits
      ],
      spec({ memoryMb: 4096 }),
    );
    expect(names(s)).toEqual(['c']);
    expect(noValidHostMessage(3, s.reports)).toBe('No valid host was found. RamFilter: 2 hosts, need 4096 MB, most free 3072 MB');
  });

  it('CoreFilter and DiskFilter with ratios', () => {
    const s = selectHosts(
      [host('a', { vcpus: 2, cpuAllocationRatio: 2, vcpusUsed: 3 }), host('b', { localGb: 10, diskAllocationRatio: 1 }), host('c')],
      spec({ vcpus: 2, rootGb: 20 }),
    );
    expect(names(s)).toEqual(['c']);
    expect(noValidHostMessage(3, s.reports)).toBe(
      'No valid host was found. CoreFilter: 1 host, need 2 vCPUs, most free 1 vCPU; DiskFilter: 1 host, need 20 GB, most free 10 GB',
    );
  });

  it('a host leaves at its first failing filter only', () => {
    const s = selectHosts([host('a', { state: 'down', memoryMb: 1 })], spec());
    expect(s.reports.map((r) => r.filter)).toEqual(['ComputeFilter']);
  });

  it('AvailabilityZoneFilter keeps the requested zone only', () => {
    const s = selectHosts([host('a', { availabilityZone: 'az1' }), host('b', { availabilityZone: 'az2' })], spec({ availabilityZone: 'az2' }));
    expect(names(s)).toEqual(['b']);
    expect(s.reports[0]).toMatchObject({ filter: 'AvailabilityZoneFilter', explanation: 'not in zone az2' });
    expect(names(selectHosts([host('a', { availabilityZone: 'az1' })], spec({ availabilityZone: null })))).toEqual(['a']);
  });

  it('ImagePropertiesFilter matches hypervisor_type case-insensitively', () => {
    const hs = [host('a', { hypervisorType: 'QEMU' }), host('b')];
    expect(names(selectHosts(hs, spec({ imageProperties: { hypervisor_type: 'qemu' } })))).toEqual(['a']);
    const s = selectHosts([host('b')], spec({ imageProperties: { hypervisor_type: 'qemu' } }));
    expect(noValidHostMessage(1, s.reports)).toBe('No valid host was found. ImagePropertiesFilter: 1 host, image wants hypervisor_type qemu, hosts have fake');
    expect(names(selectHosts(hs, spec({ imageProperties: {} })))).toHaveLength(2);
  });

  it('RetryFilter skips hosts that failed the instance before', () => {
    const s = selectHosts([host('a'), host('b')], spec({ ignoreHosts: ['a'] }));
    expect(names(s)).toEqual(['b']);
    expect(s.reports[0]?.filter).toBe('RetryFilter');
  });

  it('explains several filters in order, and an empty cloud', () => {
    const s = selectHosts([host('a', { state: 'down' }), host('b', { memoryMb: 1024 }), host('c', { memoryMb: 2048 }), host('d', { memoryMb: 512 })], spec({ memoryMb: 4096 }));
    expect(noValidHostMessage(4, s.reports)).toBe(
      'No valid host was found. ComputeFilter: 1 host, down; RamFilter: 3 hosts, need 4096 MB, most free 2048 MB',
    );
    expect(noValidHostMessage(0, [])).toBe('No valid host was found. There are not enough hosts available.');
  });
});

describe('weighers', () => {
  it('normalises like Nova', () => {
    expect(normalize([2, 4, 6])).toEqual([0, 0.5, 1]);
    expect(normalize([5, 5])).toEqual([0, 0]);
    expect(normalize([])).toEqual([]);
  });

  it('spreads on free RAM by default', () => {
    const ws = weigh([host('a', { memoryMbUsed: 4096 }), host('b'), host('c', { memoryMbUsed: 1024 })], spec(), DEFAULT_MULTIPLIERS);
    expect(ws.map((w) => w.host.name)).toEqual(['b', 'c', 'a']);
    expect(ws[0]!.weight).toBe(1);
    expect(ws[2]!.weight).toBe(0);
  });

  it('stacks with a negative RAM multiplier', () => {
    const ws = weigh([host('a', { memoryMbUsed: 4096 }), host('b')], spec(), { ...DEFAULT_MULTIPLIERS, ram: -1 });
    expect(ws.map((w) => w.host.name)).toEqual(['a', 'b']);
  });

  it('adds CPU weight by its multiplier', () => {
    const hs = [host('a', { vcpusUsed: 6 }), host('b', { memoryMbUsed: 1024 })];
    expect(weigh(hs, spec(), DEFAULT_MULTIPLIERS)[0]!.host.name).toBe('a');
    expect(weigh(hs, spec(), { ...DEFAULT_MULTIPLIERS, cpu: 2 })[0]!.host.name).toBe('b');
  });

  it('breaks ties by name', () => {
    expect(weigh([host('z'), host('m')], spec(), DEFAULT_MULTIPLIERS).map((w) => w.host.name)).toEqual(['m', 'z']);
  });
});
