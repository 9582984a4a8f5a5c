/**
 * The scheduler's view of a compute node (Nova's HostState) and of a request (RequestSpec).
 * Plain data, so filters and weighers stay pure and the worker maps database rows onto them.
 */
export interface HostState {
  id: string;
  name: string;
  availabilityZone: string;
  hypervisorType: string;
  hypervisorVersion: number;
  roles: string[];
  enabled: boolean;
  state: string;
  vcpus: number;
  memoryMb: number;
  localGb: number;
  vcpusUsed: number;
  memoryMbUsed: number;
  localGbUsed: number;
  cpuAllocationRatio: number;
  ramAllocationRatio: number;
  diskAllocationRatio: number;
  generation: number;
}

export interface RequestSpec {
  instanceId: string;
  vcpus: number;
  memoryMb: number;
  rootGb: number;
  /** Requested zone; null or undefined = any. */
  availabilityZone?: string | null;
  /** Glance image properties (hypervisor_type, ...). */
  imageProperties?: Record<string, unknown>;
  /** Hosts that already failed this instance (previous attempts). */
  ignoreHosts?: readonly string[];
}

/** What is left on a host once allocation ratios are applied (may be negative after a ratio change). */
export function freeRamMb(h: HostState): number {
  return Math.floor(h.memoryMb * h.ramAllocationRatio - h.memoryMbUsed);
}
export function freeVcpus(h: HostState): number {
  return Math.floor(h.vcpus * h.cpuAllocationRatio - h.vcpusUsed);
}
export function freeDiskGb(h: HostState): number {
  return Math.floor(h.localGb * h.diskAllocationRatio - h.localGbUsed);
}
