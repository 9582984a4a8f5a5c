import { listHypervisors } from '@nimbus/core/compute/hypervisors';
import { nodeDriverView } from '@nimbus/core/compute/node-driver';
import { allowed, type ConsoleHandlerCtx } from '../../identity/handler-context';

/** Admin → Hypervisors: every compute node with capacity (× allocation ratio), usage and state. */
export async function listHandler({ ctx }: { ctx: ConsoleHandlerCtx }) {
  const page = await listHypervisors(ctx.ctx, { withServers: false }, true);
  return {
    items: page.items.map((h) => ({
      id: h.node.id,
      name: h.node.name,
      hypervisorType: h.node.hypervisorType,
      hypervisorVersion: h.node.hypervisorVersion,
      driver: nodeDriverView(h.node),
      availabilityZone: h.node.availabilityZone,
      state: h.node.state,
      status: h.node.enabled ? 'enabled' : 'disabled',
      disabledReason: h.node.disabledReason,
      lastSeenAt: h.node.lastSeenAt,
      hostIp: h.node.hostIp,
      vcpus: { used: h.vcpusUsed, total: h.node.vcpus, ratio: h.node.cpuAllocationRatio },
      memoryMb: { used: h.memoryMbUsed, total: h.node.memoryMb, ratio: h.node.ramAllocationRatio },
      localGb: { used: h.localGbUsed, total: h.node.localGb, ratio: h.node.diskAllocationRatio },
      runningVms: h.runningVms,
    })),
    can: { update: allowed(ctx, 'compute:os-services:update', { project_id: ctx.session.auth.projectId ?? null }) },
  };
}
