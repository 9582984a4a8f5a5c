import { DriverInfoSchema } from '@nimbus/shared/queues';
import type { ComputeNode } from '@nimbus/db';
import type { RequestContext } from '../identity/context.js';
import { isAdmin } from './servers/common.js';

/**
 * What the console shows of a node's driver, read from the driver info its agent heartbeats
 * (`ComputeNode.driver`). `accel` is null when the driver does not say (fake nodes, agents that
 * predate `accelKvm`): the console then claims nothing rather than guess.
 */
export interface NodeDriverView {
  name: string;
  fake: boolean;
  accel: 'KVM' | 'TCG' | null;
  serialConsole: boolean;
}

export function nodeDriverView(node: Pick<ComputeNode, 'hypervisorType' | 'driver'>): NodeDriverView {
  const info = DriverInfoSchema.safeParse(node.driver);
  if (!info.success) return { name: node.hypervisorType, fake: node.hypervisorType === 'fake', accel: null, serialConsole: false };
  const caps = info.data.capabilities;
  const accel = info.data.fake || caps.accelKvm === undefined ? null : caps.accelKvm ? 'KVM' : 'TCG';
  return { name: info.data.name, fake: info.data.fake, accel, serialConsole: caps.supportsSerialConsole === true };
}

/**
 * The driver of the node an instance is on, for its detail page (the caller has already been
 * allowed to see the instance). Acceleration is host detail, shown to admins only, as Nova shows
 * the host itself.
 */
export async function instanceNodeDriver(ctx: RequestContext, instanceId: string): Promise<NodeDriverView | null> {
  const row = await ctx.db.instance.findUnique({ where: { id: instanceId }, select: { node: { select: { hypervisorType: true, driver: true } } } });
  if (!row?.node) return null;
  const view = nodeDriverView(row.node);
  return isAdmin(ctx) ? view : { ...view, accel: null };
}
