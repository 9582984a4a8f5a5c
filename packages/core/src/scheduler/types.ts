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
  /** The server group the instance belongs to, with where its other members are now. */
  group?: GroupPlacement | null;
}

export type GroupPolicy = 'affinity' | 'anti-affinity' | 'soft-affinity' | 'soft-anti-affinity';

/** Nova's RequestSpec.instance_group as the group filters and weighers need it. */
export interface GroupPlacement {
  id: string;
  policy: GroupPolicy;
  /** anti-affinity's `max_server_per_host` rule (Nova's default: 1). */
  maxServerPerHost: number;
  /** Host id → how many other members of the group it holds. */
  membersOnHost: Readonly<Record<string, number>>;
}

/** Members of the request's group already on `host` (0 without a group). */
export function groupMembersOn(h: HostState, spec: RequestSpec): number {
  return spec.group?.membersOnHost[h.id] ?? 0;
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
