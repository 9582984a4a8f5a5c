import type { PrismaClient } from '@nimbus/db';
import type { Logger } from '@nimbus/core/logger';
import { newRequestId } from '@nimbus/shared';
import { PowerState, VmState } from '@nimbus/shared/compute-states';
import { actionFor, finishEvent, STEP_EVENTS } from './actions.js';

const SETTLED: string[] = [VmState.Active, VmState.Stopped, VmState.Paused, VmState.Suspended, VmState.Resized, VmState.Error];

/**
 * Power-state sync (Nova's `_sync_power_states`) from what a node's heartbeat says its hypervisor
 * has. Only idle instances whose state settled before the node measured are touched, so a sync
 * cannot undo a step that finished meanwhile. An instance the hypervisor does not have is
 * NOSTATE; one found shut down while ACTIVE becomes SHUTOFF, as Nova stops it — with a `stop`
 * action in its log, so its owner sees why.
 */
export async function syncPowerStates(db: PrismaClient, nodeName: string, observed: Record<string, number>, measuredAt: Date, log: Logger): Promise<number> {
  const rows = await db.instance.findMany({
    where: { node: { name: nodeName }, taskState: null, deletedAt: null, vmState: { in: SETTLED }, updatedAt: { lt: measuredAt } },
    select: { id: true, vmState: true, powerState: true, updatedAt: true },
  });
  let changed = 0;
  for (const inst of rows) {
    const power = observed[inst.id] ?? PowerState.NoState;
    if (power === inst.powerState) continue;
    const stopped = inst.vmState === VmState.Active && (power === PowerState.Shutdown || power === PowerState.Crashed);
    const synced = await db.$transaction(async (tx) => {
      const u = await tx.instance.updateMany({
        where: { id: inst.id, taskState: null, updatedAt: inst.updatedAt },
        data: { powerState: power, ...(stopped ? { vmState: VmState.Stopped } : {}) },
      });
      if (u.count === 1 && stopped) {
        const actionId = await actionFor(tx, inst.id, newRequestId(), 'power-off');
        await tx.instanceAction.update({ where: { id: actionId }, data: { message: 'The guest was found shut down (power-state sync)', finishTime: new Date() } });
        await finishEvent(tx, { actionId, event: STEP_EVENTS['power-off'], host: nodeName, result: 'Success' });
      }
      return u.count === 1;
    });
    if (synced) {
      changed++;
      log.info({ instanceId: inst.id, node: nodeName, from: inst.powerState, to: power, stopped }, 'power state synced');
    }
  }
  return changed;
}

/** Instances on nodes that are down: their power state is unknown (NOSTATE) until the node reports again. */
export async function markInstancesOnDownNodes(db: PrismaClient): Promise<number> {
  const r = await db.instance.updateMany({
    where: { node: { state: 'down' }, taskState: null, deletedAt: null, powerState: { not: PowerState.NoState }, vmState: { in: SETTLED } },
    data: { powerState: PowerState.NoState },
  });
  return r.count;
}
