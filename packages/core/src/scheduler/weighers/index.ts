import { freeDiskGb, freeRamMb, freeVcpus, groupMembersOn } from '../types.js';
import type { HostWeigher } from './weigher.js';

export { normalize, type HostWeigher } from './weigher.js';

/** RAMWeigher: free RAM after allocation ratio. */
export const ramWeigher: HostWeigher = { name: 'RAMWeigher', value: freeRamMb };
/** CPUWeigher: free vCPUs after allocation ratio. */
export const cpuWeigher: HostWeigher = { name: 'CPUWeigher', value: freeVcpus };
/** DiskWeigher: free disk after allocation ratio. */
export const diskWeigher: HostWeigher = { name: 'DiskWeigher', value: freeDiskGb };

/** ServerGroupSoftAffinityWeigher: for a `soft-affinity` group, the more members a host holds the better. */
export const serverGroupSoftAffinityWeigher: HostWeigher = {
  name: 'ServerGroupSoftAffinityWeigher',
  value: (h, spec) => (spec.group?.policy === 'soft-affinity' ? groupMembersOn(h, spec) : 0),
};

/** ServerGroupSoftAntiAffinityWeigher: for a `soft-anti-affinity` group, the fewer members the better. */
export const serverGroupSoftAntiAffinityWeigher: HostWeigher = {
  name: 'ServerGroupSoftAntiAffinityWeigher',
  value: (h, spec) => (spec.group?.policy === 'soft-anti-affinity' ? -groupMembersOn(h, spec) : 0),
};
