import { freeDiskGb, freeRamMb, freeVcpus, type HostState, type RequestSpec } from '../types.js';
import { mostFree, type HostFilter } from './filter.js';

function capacityFilter(
  name: string,
  free: (h: HostState) => number,
  need: (s: RequestSpec) => number,
  unit: (n: number) => string,
): HostFilter {
  return {
    name,
    reject(host, spec) {
      const f = free(host);
      return f >= need(spec) ? null : { host: host.name, reason: 'not enough free', free: f };
    },
    explain: (rs, spec) => `need ${unit(need(spec))}, most free ${unit(Math.max(0, mostFree(rs)))}`,
  };
}

/** RamFilter: free RAM (total × ram_allocation_ratio − used) covers the flavor's RAM. */
export const ramFilter = capacityFilter('RamFilter', freeRamMb, (s) => s.memoryMb, (n) => `${n} MB`);

/** CoreFilter: free vCPUs (total × cpu_allocation_ratio − used) cover the flavor's vCPUs. */
export const coreFilter = capacityFilter('CoreFilter', freeVcpus, (s) => s.vcpus, (n) => `${n} vCPU${n === 1 ? '' : 's'}`);

/** DiskFilter: free disk (total × disk_allocation_ratio − used) covers the flavor's root disk. */
export const diskFilter = capacityFilter('DiskFilter', freeDiskGb, (s) => s.rootGb, (n) => `${n} GB`);
