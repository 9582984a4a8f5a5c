import { z } from 'zod';
import { Conflict, NotFound } from '@nimbus/shared';
import type { ComputeNode } from '@nimbus/db';
import type { RequestContext } from '../identity/context.js';
import { authorize, parseInput, zBool } from './flavors-common.js';

/**
 * Nova's `os-services`, for the compute services nimbus has: one `nova-compute` per compute node.
 * The service id is the node id (Nova 2.53+ ids are UUIDs too).
 */
export const COMPUTE_BINARY = 'nova-compute';

export interface ListServicesInput {
  host?: string | undefined;
  binary?: string | undefined;
}

const zReason = z.string().min(1, 'must not be empty').max(255, 'must be at most 255 characters');

/** `PUT /os-services/{id}` (2.53+): a status change, optionally with the reason for disabling. */
export const ZUpdateServiceInput = z
  .strictObject({
    status: z.enum(['enabled', 'disabled']).optional(),
    disabled_reason: zReason.optional(),
    forced_down: zBool.optional(),
  })
  .refine((v) => v.status !== undefined || v.forced_down !== undefined, { message: "one of 'status' or 'forced_down' is required", path: ['status'] })
  .refine((v) => v.disabled_reason === undefined || v.status === 'disabled', { message: "only allowed with status 'disabled'", path: ['disabled_reason'] })
  // Nodes have no forced-down flag: liveness comes from heartbeats alone, so forcing one down is refused rather than ignored.
  .refine((v) => v.forced_down !== true, { message: 'forcing a compute service down is not supported; liveness follows heartbeats', path: ['forced_down'] });
export type UpdateServiceInput = z.input<typeof ZUpdateServiceInput>;

/** The legacy `PUT /os-services/{enable,disable,disable-log-reason}` body (before 2.53). */
export const ZLegacyServiceInput = z.strictObject({
  host: z.string().min(1, 'must not be empty').max(255, 'must be at most 255 characters'),
  binary: z.string().min(1, 'must not be empty').max(255, 'must be at most 255 characters'),
  disabled_reason: zReason.optional(),
});
export type LegacyServiceInput = z.input<typeof ZLegacyServiceInput>;

function target(ctx: RequestContext) {
  return { project_id: ctx.auth?.projectId ?? null };
}


export async function listServices(ctx: RequestContext, input: ListServicesInput = {}): Promise<ComputeNode[]> {
  authorize(ctx.auth, 'compute:os-services:list', target(ctx));
  if (input.binary !== undefined && input.binary !== COMPUTE_BINARY) return [];
  return ctx.db.computeNode.findMany({
    where: input.host !== undefined ? { name: input.host } : {},
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
}

async function setEnabled(ctx: RequestContext, where: { id: string } | { name: string }, enabled: boolean, reason: string | undefined): Promise<ComputeNode | null> {
  const { count } = await ctx.db.computeNode.updateMany({
    where,
    data: { enabled, disabledReason: enabled ? null : (reason ?? null) },
  });
  return count === 0 ? null : ctx.db.computeNode.findFirst({ where });
}

export async function updateService(ctx: RequestContext, serviceId: string, rawInput: UpdateServiceInput): Promise<ComputeNode> {
  const input = parseInput(ZUpdateServiceInput, rawInput);
  authorize(ctx.auth, 'compute:os-services:update', target(ctx));
  const node = await ctx.db.computeNode.findFirst({ where: { id: serviceId } });
  if (!node) throw new NotFound(`Service ${serviceId} could not be found.`);
  if (input.status === undefined) return node;
  return (await setEnabled(ctx, { id: serviceId }, input.status === 'enabled', input.disabled_reason)) ?? node;
}

/** Legacy enable/disable by host and binary; 404 when no such compute service exists. */
export async function setServiceStatusByHost(ctx: RequestContext, rawInput: LegacyServiceInput, enabled: boolean): Promise<ComputeNode> {
  const input = parseInput(ZLegacyServiceInput, rawInput);
  authorize(ctx.auth, 'compute:os-services:update', target(ctx));
  const missing = new NotFound(`Service ${input.binary} on host ${input.host} could not be found.`);
  if (input.binary !== COMPUTE_BINARY) throw missing;
  const node = await setEnabled(ctx, { name: input.host }, enabled, input.disabled_reason);
  if (!node) throw missing;
  return node;
}

/** Removes a compute service (the node's row); refused while instances live on it. */
export async function deleteService(ctx: RequestContext, serviceId: string): Promise<void> {
  authorize(ctx.auth, 'compute:os-services:delete', target(ctx));
  const node = await ctx.db.computeNode.findFirst({ where: { id: serviceId } });
  if (!node) throw new NotFound(`Service ${serviceId} could not be found.`);
  const busy = (await ctx.db.instance.count({ where: { nodeId: serviceId, deletedAt: null } })) + (await ctx.db.allocation.count({ where: { nodeId: serviceId } }));
  if (busy > 0) throw new Conflict(`Unable to delete compute service that is hosting instances. Migrate or delete the instances first.`);
  await ctx.db.computeNode.delete({ where: { id: serviceId } });
}
