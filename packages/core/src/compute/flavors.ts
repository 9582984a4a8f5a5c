import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { BadRequest, Conflict, NotFound } from '@nimbus/shared';
import type { Flavor } from '@nimbus/db';
import type { RequestContext } from '../identity/context.js';
import { authorize, inTransaction, isComputeAdmin, pageInMemory, parseInput, zBool, zCount, type Page } from './flavors-common.js';

const zFlavorId = z
  .union([z.string(), z.number().transform(String)])
  .pipe(
    z
      .string()
      .min(1, 'must not be empty')
      .max(255, 'must be at most 255 characters')
      .regex(/^(?! )[a-zA-Z0-9. _-]+(?<! )$/, 'may contain only letters, digits, ".", "_", "-" and inner spaces'),
  );

export const ZCreateFlavorInput = z.strictObject({
  name: z
    .string()
    .min(1, 'must not be empty')
    .max(255, 'must be at most 255 characters')
    .refine((s) => s.trim() === s && s.length > 0, 'must not have leading or trailing whitespace'),
  id: zFlavorId.nullable().optional(),
  ram: zCount(1),
  vcpus: zCount(1),
  disk: zCount(0),
  'OS-FLV-EXT-DATA:ephemeral': zCount(0).optional(),
  swap: z.union([z.literal('').transform(() => 0), zCount(0)]).optional(),
  rxtx_factor: z.union([z.number(), z.string().transform(Number)]).pipe(z.number().gt(0, 'must be > 0').max(3.40282e38)).optional(),
  'os-flavor-access:is_public': zBool.optional(),
  description: z.string().max(65535, 'must be at most 65535 characters').nullable().optional(),
});
export type CreateFlavorInput = z.input<typeof ZCreateFlavorInput>;

export const ZUpdateFlavorInput = z.strictObject({
  description: z.string().max(65535, 'must be at most 65535 characters').nullable(),
});
export type UpdateFlavorInput = z.input<typeof ZUpdateFlavorInput>;

/** Nova's flavor sort keys, by the names the API takes. */
const SORT_KEYS = {
  created_at: (f: Flavor) => f.createdAt.getTime(),
  description: (f: Flavor) => f.description ?? '',
  disabled: (f: Flavor) => Number(f.disabled),
  ephemeral_gb: (f: Flavor) => f.ephemeralGb,
  flavorid: (f: Flavor) => f.id,
  id: (f: Flavor) => f.id,
  is_public: (f: Flavor) => Number(f.isPublic),
  memory_mb: (f: Flavor) => f.ramMb,
  name: (f: Flavor) => f.name,
  root_gb: (f: Flavor) => f.diskGb,
  rxtx_factor: (f: Flavor) => f.rxtxFactor,
  swap: (f: Flavor) => f.swapMb,
  updated_at: (f: Flavor) => f.updatedAt.getTime(),
  vcpus: (f: Flavor) => f.vcpus,
} as const;

export const ZListFlavorsInput = z.object({
  /** true / false, or null for both (admins only; others always get public + their own). */
  isPublic: z.boolean().nullable().optional(),
  minRam: z.number().int().min(0).optional(),
  minDisk: z.number().int().min(0).optional(),
  sortKey: z.enum(Object.keys(SORT_KEYS) as [keyof typeof SORT_KEYS]).optional(),
  sortDir: z.enum(['asc', 'desc']).optional(),
  limit: z.number().int().min(1).optional(),
  marker: z.string().optional(),
});
export type ListFlavorsInput = z.input<typeof ZListFlavorsInput>;

function flavorNotFound(id: string): NotFound {
  return new NotFound(`Flavor ${id} could not be found.`);
}

async function visibleTo(ctx: RequestContext, flavor: Flavor): Promise<boolean> {
  if (flavor.isPublic || isComputeAdmin(ctx)) return true;
  const projectId = ctx.auth?.projectId;
  if (!projectId) return false;
  return (await ctx.db.flavorAccess.findUnique({ where: { flavorId_projectId: { flavorId: flavor.id, projectId } } })) !== null;
}

/** A flavor the caller may see: private ones only for admins and projects on the access list (404 otherwise). */
export async function getFlavor(ctx: RequestContext, flavorId: string): Promise<Flavor> {
  authorize(ctx.auth, 'compute:flavors:show', { project_id: ctx.auth?.projectId ?? null });
  const flavor = await ctx.db.flavor.findUnique({ where: { id: flavorId } });
  if (!flavor || !(await visibleTo(ctx, flavor))) throw flavorNotFound(flavorId);
  return flavor;
}

/** Admin-side lookup without the visibility rule (the admin operations of Nova see every flavor). */
async function flavorOr404(ctx: RequestContext, flavorId: string): Promise<Flavor> {
  const flavor = await ctx.db.flavor.findUnique({ where: { id: flavorId } });
  if (!flavor) throw flavorNotFound(flavorId);
  return flavor;
}

export async function listFlavors(ctx: RequestContext, rawInput: ListFlavorsInput = {}): Promise<Page<Flavor>> {
  const input = parseInput(ZListFlavorsInput, rawInput);
  authorize(ctx.auth, 'compute:flavors:list', { project_id: ctx.auth?.projectId ?? null });
  const admin = isComputeAdmin(ctx);
  const isPublic = admin ? (input.isPublic === undefined ? true : input.isPublic) : true;
  const where = {
    ...(input.minRam !== undefined ? { ramMb: { gte: input.minRam } } : {}),
    ...(input.minDisk !== undefined ? { diskGb: { gte: input.minDisk } } : {}),
  };
  let rows: Flavor[];
  if (admin) {
    rows = await ctx.db.flavor.findMany({ where: { ...where, ...(isPublic === null ? {} : { isPublic }) } });
  } else {
    // Nova: a non-admin's "public" list also holds the private flavors shared with the project.
    const projectId = ctx.auth?.projectId;
    rows = await ctx.db.flavor.findMany({
      where: { ...where, disabled: false, OR: [{ isPublic: true }, ...(projectId ? [{ access: { some: { projectId } } }] : [])] },
    });
  }
  const key = SORT_KEYS[input.sortKey ?? 'flavorid'];
  const dir = input.sortDir === 'desc' ? -1 : 1;
  rows.sort((a, b) => {
    const x = key(a);
    const y = key(b);
    const c = x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    return c * dir;
  });
  if (input.marker !== undefined && !rows.some((r) => r.id === input.marker)) throw new BadRequest(`marker [${input.marker}] not found`, { field: 'marker' });
  return pageInMemory(rows, (r) => r.id, input);
}

export async function createFlavor(ctx: RequestContext, rawInput: CreateFlavorInput): Promise<Flavor> {
  const input = parseInput(ZCreateFlavorInput, rawInput, 'flavor');
  authorize(ctx.auth, 'compute:flavors:create', { project_id: ctx.auth?.projectId ?? null });
  const id = input.id ?? randomUUID();
  return inTransaction(ctx, `Flavor with name ${input.name} already exists.`, async (tx) => {
    if (await tx.flavor.findUnique({ where: { name: input.name } })) throw new Conflict(`Flavor with name ${input.name} already exists.`);
    if (await tx.flavor.findUnique({ where: { id } })) throw new Conflict(`Flavor with ID ${id} already exists.`);
    return tx.flavor.create({
      data: {
        id,
        name: input.name,
        vcpus: input.vcpus,
        ramMb: input.ram,
        diskGb: input.disk,
        ephemeralGb: input['OS-FLV-EXT-DATA:ephemeral'] ?? 0,
        swapMb: input.swap ?? 0,
        rxtxFactor: input.rxtx_factor ?? 1,
        isPublic: input['os-flavor-access:is_public'] ?? true,
        description: input.description ?? null,
      },
    });
  });
}

/** Only the description of a flavor may change (microversion 2.55). */
export async function updateFlavor(ctx: RequestContext, flavorId: string, rawInput: UpdateFlavorInput): Promise<Flavor> {
  const input = parseInput(ZUpdateFlavorInput, rawInput, 'flavor');
  authorize(ctx.auth, 'compute:flavors:update', { project_id: ctx.auth?.projectId ?? null });
  await flavorOr404(ctx, flavorId);
  return ctx.db.flavor.update({ where: { id: flavorId }, data: { description: input.description } });
}

/** Instances keep their own copy of the sizes, so a flavor in use may still go (as in Nova). */
export async function deleteFlavor(ctx: RequestContext, flavorId: string): Promise<void> {
  authorize(ctx.auth, 'compute:flavors:delete', { project_id: ctx.auth?.projectId ?? null });
  const { count } = await ctx.db.flavor.deleteMany({ where: { id: flavorId } });
  if (count === 0) throw flavorNotFound(flavorId);
}
