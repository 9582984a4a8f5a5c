import { freeDiskGb, freeRamMb, freeVcpus } from '../types.js';
import type { HostWeigher } from './weigher.js';

export { normalize, type HostWeigher } from './weigher.js';

/** RAMWeigher: free RAM after allocation ratio. */
export const ramWeigher: HostWeigher = { name: 'RAMWeigher', value: freeRamMb };
/** CPUWeigher: free vCPUs after allocation ratio. */
export const cpuWeigher: HostWeigher = { name: 'CPUWeigher', value: freeVcpus };
/** DiskWeigher: free disk after allocation ratio. */
export const diskWeigher: HostWeigher = { name: 'DiskWeigher', value: freeDiskGb };
