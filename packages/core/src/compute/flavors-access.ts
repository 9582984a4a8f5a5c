import { z } from 'zod';
import { Conflict, NotFound } from '@nimbus/shared';
import type { RequestContext } from '../identity/context.js';
import { authorize, parseInput } from './flavors-common.js';

export const ZFlavorAccessInput = z.strictObject({
  tenant: z.string().min(1, 'must not be empty').max(255, 'must be at most 255 characters'),
});
export type FlavorAccessInput = z.input<typeof ZFlavorAccessInput>;

export interface FlavorAccessEntry {
  flavorId: string;
  projectId: string;
}

async function flavorFor(ctx: RequestContext, flavorId: string) {
  const flavor = await ctx.db.flavor.findUnique({ where: { id: flavorId } });
  if (!flavor) throw new NotFound(`Flavor ${flavorId} could not be found.`);
  return flavor;
}

async function entries(ctx: RequestContext, flavorId: string): Promise<FlavorAccessEntry[]> {
  return ctx.db.flavorAccess.findMany({ where: { flavorId }, orderBy: { projectId: 'asc' } });
}

/** Public flavors have no access list: Nova answers 404 for them. */
export async function listFlavorAccess(ctx: RequestContext, flavorId: string): Promise<FlavorAccessEntry[]> {
  authorize(ctx.auth, 'compute:flavors:access:list', { project_id: ctx.auth?.projectId ?? null });
  const flavor = await flavorFor(ctx, flavorId);
  if (flavor.isPublic) throw new NotFound('Access list not available for public flavors.');
  return entries(ctx, flavorId);
}

export async function addFlavorAccess(ctx: RequestContext, flavorId: string, rawInput: FlavorAccessInput): Promise<FlavorAccessEntry[]> {
  const input = parseInput(ZFlavorAccessInput, rawInput, 'addTenantAccess');
  authorize(ctx.auth, 'compute:flavors:access:add', { project_id: ctx.auth?.projectId ?? null });
  const flavor = await flavorFor(ctx, flavorId);
  if (flavor.isPublic) throw new Conflict('Can not add access to a public flavor.');
  const { count } = await ctx.db.flavorAccess.createMany({ data: [{ flavorId, projectId: input.tenant }], skipDuplicates: true });
  if (count === 0) throw new Conflict(`Flavor access already exists for flavor ${flavorId} and project ${input.tenant} combination.`);
  return entries(ctx, flavorId);
}

export async function removeFlavorAccess(ctx: RequestContext, flavorId: string, rawInput: FlavorAccessInput): Promise<FlavorAccessEntry[]> {
  const input = parseInput(ZFlavorAccessInput, rawInput, 'removeTenantAccess');
  authorize(ctx.auth, 'compute:flavors:access:remove', { project_id: ctx.auth?.projectId ?? null });
  await flavorFor(ctx, flavorId);
  const { count } = await ctx.db.flavorAccess.deleteMany({ where: { flavorId, projectId: input.tenant } });
  if (count === 0) throw new NotFound(`Flavor access not found for ${flavorId} / ${input.tenant} combination.`);
  return entries(ctx, flavorId);
}
