import type { HostState } from './types.js';

/** Test support: an up, enabled, empty compute host of 8 vCPUs / 8 GiB / 100 GB, ratios 1, with `over` applied. */
export function host(name: string, over: Partial<HostState> = {}): HostState {
  return {
    id: `id-${name}`,
    name,
    availabilityZone: 'nova',
    hypervisorType: 'fake',
    hypervisorVersion: 1000,
    roles: ['compute'],
    enabled: true,
    state: 'up',
    vcpus: 8,
    memoryMb: 8192,
    localGb: 100,
    vcpusUsed: 0,
    memoryMbUsed: 0,
    localGbUsed: 0,
    cpuAllocationRatio: 1,
    ramAllocationRatio: 1,
    diskAllocationRatio: 1,
    generation: 0,
    ...over,
  };
}
