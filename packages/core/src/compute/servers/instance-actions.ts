import { NotFound } from '@nimbus/shared';
import type { InstanceAction, InstanceActionEvent } from '@nimbus/db';
import type { RequestContext } from '../../identity/context.js';
import { findServer } from './common.js';

export type InstanceActionWithEvents = InstanceAction & { events: InstanceActionEvent[] };

/** `GET /servers/{id}/os-instance-actions`: newest first; deleted servers stay readable here, as in Nova. */
export async function listInstanceActions(ctx: RequestContext, serverId: string, paging: { limit?: number; marker?: string } = {}): Promise<InstanceAction[]> {
  const server = await findServer(ctx, serverId, 'compute:instance_actions:list', { includeDeleted: true });
  let cursor: { id: string } | undefined;
  if (paging.marker) {
    const marker = await ctx.db.instanceAction.findFirst({ where: { instanceId: server.id, requestId: paging.marker }, select: { id: true } });
    if (!marker) throw new NotFound(`Marker ${paging.marker} could not be found.`);
    cursor = { id: marker.id };
  }
  return ctx.db.instanceAction.findMany({
    where: { instanceId: server.id },
    orderBy: [{ startTime: 'desc' }, { id: 'desc' }],
    ...(cursor ? { cursor, skip: 1 } : {}),
    ...(paging.limit ? { take: paging.limit } : {}),
  });
}

/** `GET /servers/{id}/os-instance-actions/{request_id}` with its events in order. */
export async function getInstanceAction(ctx: RequestContext, serverId: string, requestId: string): Promise<InstanceActionWithEvents> {
  const server = await findServer(ctx, serverId, 'compute:instance_actions:show', { includeDeleted: true });
  const action = await ctx.db.instanceAction.findFirst({
    where: { instanceId: server.id, requestId },
    include: { events: { orderBy: [{ startTime: 'asc' }, { id: 'asc' }] } },
  });
  if (!action) throw new NotFound(`Action for request_id ${requestId} on instance ${server.id} not found`);
  return action;
}
