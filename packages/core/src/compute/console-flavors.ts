import { z } from 'zod';
import type { Prisma } from '@nimbus/db';
import { requireAuth, type RequestContext } from '../identity/context.js';
import { authorize } from '../identity/resources/policy.js';
import { parseInput } from '../identity/resources/common.js';
import { countedPage, zConsolePage, type CountedPage } from '../identity/resources/console-page.js';
import { isComputeAdmin } from './flavors-common.js';

/** Admin → Flavors: every flavor (public and private), counted and sorted. */
export const ZConsoleFlavorsInput = z.object({
  ...zConsolePage,
  sort: z.enum(['name', 'vcpus', 'ram', 'disk', 'public']).default('vcpus'),
  isPublic: z.boolean().optional(),
});
export type ConsoleFlavorsInput = z.input<typeof ZConsoleFlavorsInput>;

export interface ConsoleFlavor {
  id: string;
  name: string;
  vcpus: number;
  ramMb: number;
  diskGb: number;
  ephemeralGb: number;
  swapMb: number;
  isPublic: boolean;
  description: string | null;
  instances: number;
}

const ORDER: Record<z.output<typeof ZConsoleFlavorsInput>['sort'], (dir: Prisma.SortOrder) => Prisma.FlavorOrderByWithRelationInput[]> = {
  name: (dir) => [{ name: dir }],
  vcpus: (dir) => [{ vcpus: dir }, { ramMb: dir }],
  ram: (dir) => [{ ramMb: dir }],
  disk: (dir) => [{ diskGb: dir }],
  public: (dir) => [{ isPublic: dir }],
};

export async function consoleListFlavors(ctx: RequestContext, raw: ConsoleFlavorsInput = {}): Promise<CountedPage<ConsoleFlavor>> {
  const input = parseInput(ZConsoleFlavorsInput, raw);
  const auth = requireAuth(ctx);
  authorize(auth, 'compute:flavors:list', { project_id: auth.projectId ?? null });
  const admin = isComputeAdmin(ctx);
  const where: Prisma.FlavorWhereInput = {
    ...(input.q ? { OR: [{ name: { contains: input.q, mode: 'insensitive' } }, { id: input.q }] } : {}),
    ...(input.isPublic !== undefined ? { isPublic: input.isPublic } : {}),
    ...(admin ? {} : { disabled: false, OR: [{ isPublic: true }, ...(auth.projectId ? [{ access: { some: { projectId: auth.projectId } } }] : [])] }),
  };
  const page = await countedPage(
    input,
    () => ctx.db.flavor.count({ where }),
    (skip, take) => ctx.db.flavor.findMany({ where, orderBy: [...ORDER[input.sort](input.dir), { id: 'asc' }], skip, take }),
  );
  const ids = page.items.map((f) => f.id);
  const usage = ids.length ? await ctx.db.instance.groupBy({ by: ['flavorId'], where: { flavorId: { in: ids }, deletedAt: null }, _count: { _all: true } }) : [];
  return {
    ...page,
    items: page.items.map((f) => ({
      id: f.id,
      name: f.name,
      vcpus: f.vcpus,
      ramMb: f.ramMb,
      diskGb: f.diskGb,
      ephemeralGb: f.ephemeralGb,
      swapMb: f.swapMb,
      isPublic: f.isPublic,
      description: f.description,
      instances: usage.find((u) => u.flavorId === f.id)?._count._all ?? 0,
    })),
  };
}
