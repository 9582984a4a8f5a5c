import type { ComputeNode } from '@nimbus/db';
import type { HostState } from './types.js';

/**
 * A node row as the scheduler sees it. A node whose last heartbeat is older than the down limit
 * counts as down even before the periodic task has marked it, as Nova's servicegroup check does.
 */
export function toHostState(n: ComputeNode, downAfterMs: number, now = Date.now()): HostState {
  const fresh = n.lastSeenAt !== null && now - n.lastSeenAt.getTime() <= downAfterMs;
  return {
    id: n.id,
    name: n.name,
    availabilityZone: n.availabilityZone,
    hypervisorType: n.hypervisorType,
    hypervisorVersion: n.hypervisorVersion,
    roles: n.roles,
    enabled: n.enabled,
    state: n.state === 'up' && fresh ? 'up' : 'down',
    vcpus: n.vcpus,
    memoryMb: n.memoryMb,
    localGb: n.localGb,
    vcpusUsed: n.vcpusUsed,
    memoryMbUsed: n.memoryMbUsed,
    localGbUsed: n.localGbUsed,
    cpuAllocationRatio: n.cpuAllocationRatio,
    ramAllocationRatio: n.ramAllocationRatio,
    diskAllocationRatio: n.diskAllocationRatio,
    generation: n.generation,
  };
}
