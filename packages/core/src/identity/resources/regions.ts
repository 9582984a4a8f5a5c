import { z } from 'zod';
import { BadRequest, Forbidden, NotFound, newId } from '@nimbus/shared';
import type { Region } from '@nimbus/db';
import type { RequestContext } from '../context.js';
import { identityChanged } from '../revocation.js';
import { authorize } from './policy.js';
import { duplicate, inTransaction, pageArgs, parseInput, toPage, zDescription, zPage, type Page, type Tx } from './common.js';

const zRegionId = z.string().min(1, 'must not be empty').max(255, 'must be at most 255 characters');

export const ZCreateRegionInput = z.object({
  id: zRegionId.optional(),
  description: zDescription.optional(),
  parent_region_id: zRegionId.nullish(),
});
export type CreateRegionInput = z.input<typeof ZCreateRegionInput>;

export const ZUpdateRegionInput = z.object({
  description: zDescription.optional(),
  parent_region_id: zRegionId.nullish(),
});
export type UpdateRegionInput = z.input<typeof ZUpdateRegionInput>;

export const ZListRegionsInput = z.object({ parent_region_id: z.string().optional(), ...zPage });
export type ListRegionsInput = z.input<typeof ZListRegionsInput>;

async function getRegionOr404(db: Tx, id: string): Promise<Region> {
  const row = await db.region.findUnique({ where: { id } });
  if (!row) throw new NotFound(`Could not find region: ${id}.`);
  return row;
}

/** A parent must exist and must not be the region itself or one of its descendants. */
async function checkParent(tx: Tx, regionId: string, parentId: string | null | undefined): Promise<void> {
  if (!parentId) return;
  let current: string | null = parentId;
  const seen = new Set<string>();
  while (current && !seen.has(current)) {
    if (current === regionId) throw new BadRequest(`The specified parent region ${parentId} would create a circular region hierarchy.`, { field: 'parent_region_id' });
    seen.add(current);
    const row: Region | null = await tx.region.findUnique({ where: { id: current } });
    if (!row) {
      if (current === parentId) throw new NotFound(`Could not find region: ${parentId}.`);
      return;
    }
    current = row.parentRegionId;
  }
}

export async function getRegion(ctx: RequestContext, regionId: string): Promise<Region> {
  authorize(ctx.auth, 'identity:get_region', { region_id: regionId, target: { region: { id: regionId } } });
  return getRegionOr404(ctx.db, regionId);
}

export async function listRegions(ctx: RequestContext, rawInput: ListRegionsInput = {}): Promise<Page<Region>> {
  const input = parseInput(ZListRegionsInput, rawInput);
  authorize(ctx.auth, 'identity:list_regions', { target: {} });
  const rows = await ctx.db.region.findMany({
    where: input.parent_region_id !== undefined ? { parentRegionId: input.parent_region_id } : {},
    ...pageArgs(input, 'id'),
  });
  return toPage(rows, input.limit);
}

/** `POST /v3/regions` (id optional) and `PUT /v3/regions/{id}` (id from the path). */
export async function createRegion(ctx: RequestContext, rawInput: CreateRegionInput, pathId?: string): Promise<Region> {
  const input = parseInput(ZCreateRegionInput, rawInput);
  if (pathId !== undefined && input.id !== undefined && input.id !== pathId) {
    throw new BadRequest("Invalid input for field 'id': conflicting region IDs specified", { field: 'id' });
  }
  const id = pathId ?? input.id ?? newId();
  authorize(ctx.auth, 'identity:create_region', { target: { region: { id } } });
  const region = await inTransaction(ctx, `Conflict occurred attempting to store region - Duplicate ID, ${id}.`, async (tx) => {
    if (await tx.region.findUnique({ where: { id } })) throw duplicate('region', `ID ${id}`);
    await checkParent(tx, id, input.parent_region_id);
    return tx.region.create({ data: { id, description: input.description ?? '', parentRegionId: input.parent_region_id ?? null } });
  });
  await identityChanged(ctx);
  return region;
}

export async function updateRegion(ctx: RequestContext, regionId: string, rawInput: UpdateRegionInput): Promise<Region> {
  const input = parseInput(ZUpdateRegionInput, rawInput);
  await getRegionOr404(ctx.db, regionId);
  authorize(ctx.auth, 'identity:update_region', { region_id: regionId, target: { region: { id: regionId } } });
  const region = await inTransaction(ctx, 'Conflict occurred attempting to update region.', async (tx) => {
    if (input.parent_region_id !== undefined) await checkParent(tx, regionId, input.parent_region_id);
    return tx.region.update({
      where: { id: regionId },
      data: {
        ...(input.description !== undefined ? { description: input.description ?? '' } : {}),
        ...(input.parent_region_id !== undefined ? { parentRegionId: input.parent_region_id } : {}),
      },
    });
  });
  await identityChanged(ctx);
  return region;
}

export async function deleteRegion(ctx: RequestContext, regionId: string): Promise<void> {
  await getRegionOr404(ctx.db, regionId);
  authorize(ctx.auth, 'identity:delete_region', { region_id: regionId, target: { region: { id: regionId } } });
  await inTransaction(ctx, 'Conflict occurred attempting to delete region.', async (tx) => {
    if ((await tx.region.count({ where: { parentRegionId: regionId } })) > 0) {
      throw new Forbidden(`Unable to delete region ${regionId} because it or its child regions have associated endpoints.`);
    }
    if ((await tx.endpoint.count({ where: { regionId } })) > 0) {
      throw new Forbidden(`Unable to delete region ${regionId} because it or its child regions have associated endpoints.`);
    }
    await tx.region.delete({ where: { id: regionId } });
  });
  await identityChanged(ctx);
}
