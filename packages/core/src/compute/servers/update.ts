import { z } from 'zod';
import { NotFound, OverQuota } from '@nimbus/shared';
import type { Prisma } from '@nimbus/db';
import type { RequestContext } from '../../identity/context.js';
import { projectLimits } from '../../quota/quotas.js';
import { findServer, parseNova, withNode, zMetadata, zServerName, type InstanceWithNode } from './common.js';

export const ZUpdateServerInput = z.looseObject({
  name: zServerName.optional(),
  description: z.string().max(255, 'must be at most 255 characters').nullish(),
});
export type UpdateServerInput = z.input<typeof ZUpdateServerInput>;

/** `PUT /servers/{id}`: name and description (2.19). */
export async function updateServer(ctx: RequestContext, id: string, rawInput: UpdateServerInput): Promise<InstanceWithNode> {
  const input = parseNova(ZUpdateServerInput, rawInput);
  const server = await findServer(ctx, id, 'compute:servers:update');
  const data: Prisma.InstanceUpdateInput = {};
  if (input.name !== undefined) data.name = input.name;
  if (input.description !== undefined) data.description = input.description;
  return ctx.db.instance.update({ where: { id: server.id }, data, include: withNode });
}

function metadataOf(server: { metadata: Prisma.JsonValue }): Record<string, string> {
  const m = server.metadata;
  return m && typeof m === 'object' && !Array.isArray(m) ? (m as Record<string, string>) : {};
}

export async function getServerMetadata(ctx: RequestContext, id: string): Promise<Record<string, string>> {
  return metadataOf(await findServer(ctx, id, 'compute:servers:show'));
}

export async function getServerMetadataItem(ctx: RequestContext, id: string, key: string): Promise<string> {
  const value = metadataOf(await findServer(ctx, id, 'compute:servers:show'))[key];
  if (value === undefined) throw new NotFound('Metadata item was not found');
  return value;
}

/**
 * Writes metadata: `replace` swaps the whole set (PUT /metadata), otherwise keys are merged
 * (POST /metadata, PUT /metadata/{key}). The metadata_items quota bounds the result.
 */
export async function setServerMetadata(ctx: RequestContext, id: string, rawMetadata: unknown, replace: boolean): Promise<Record<string, string>> {
  const metadata = parseNova(z.object({ metadata: zMetadata }), { metadata: rawMetadata }).metadata;
  const server = await findServer(ctx, id, 'compute:servers:update');
  const next = replace ? metadata : { ...metadataOf(server), ...metadata };
  const limits = await projectLimits(ctx.db, server.projectId);
  if (limits.metadata_items >= 0 && Object.keys(next).length > limits.metadata_items) {
    throw new OverQuota(`Quota exceeded for metadata_items: Maximum number of metadata items exceeds ${limits.metadata_items}`);
  }
  await ctx.db.instance.update({ where: { id: server.id }, data: { metadata: next } });
  return next;
}

export async function deleteServerMetadataItem(ctx: RequestContext, id: string, key: string): Promise<void> {
  const server = await findServer(ctx, id, 'compute:servers:update');
  const current = metadataOf(server);
  if (!(key in current)) throw new NotFound('Metadata item was not found');
  const { [key]: _gone, ...rest } = current;
  await ctx.db.instance.update({ where: { id: server.id }, data: { metadata: rest } });
}
