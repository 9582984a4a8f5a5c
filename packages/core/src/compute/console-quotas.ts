import { z } from 'zod';
import { requireAuth, type RequestContext } from '../identity/context.js';
import { authorize } from '../identity/resources/policy.js';
import { parseInput } from '../identity/resources/common.js';
import { countedPage, zConsolePage, type CountedPage } from '../identity/resources/console-page.js';
import { computeUsage, defaultLimits, QUOTA_RESOURCES, type QuotaResource, type QuotaValues } from '../quota/quotas.js';

/** Admin → Quotas: every project's compute limits (own or default) and what it uses. */
export const ZConsoleQuotasInput = z.object({ ...zConsolePage, sort: z.enum(['name']).default('name') });
export type ConsoleQuotasInput = z.input<typeof ZConsoleQuotasInput>;

export interface ConsoleProjectQuota {
  projectId: string;
  projectName: string;
  limits: QuotaValues;
  /** Resources with a project-specific limit (the rest follow the defaults). */
  overridden: QuotaResource[];
  usage: { instances: number; cores: number; ram: number };
}

export async function consoleListQuotas(ctx: RequestContext, raw: ConsoleQuotasInput = {}): Promise<CountedPage<ConsoleProjectQuota> & { defaults: QuotaValues }> {
  const input = parseInput(ZConsoleQuotasInput, raw);
  const auth = requireAuth(ctx);
  authorize(auth, 'compute:quota_sets:update', { project_id: auth.projectId ?? '' });
  const where = input.q ? { OR: [{ name: { contains: input.q, mode: 'insensitive' as const } }, { id: input.q }] } : {};
  const defaults = await defaultLimits(ctx.db);
  const page = await countedPage(
    input,
    () => ctx.db.project.count({ where }),
    (skip, take) => ctx.db.project.findMany({ where, orderBy: [{ name: input.dir }, { id: 'asc' }], skip, take, select: { id: true, name: true } }),
  );
  const ids = page.items.map((p) => p.id);
  const own = ids.length ? await ctx.db.quotaLimit.findMany({ where: { projectId: { in: ids } } }) : [];
  const items = await Promise.all(
    page.items.map(async (p) => {
      const limits = { ...defaults };
      const overridden: QuotaResource[] = [];
      for (const row of own.filter((r) => r.projectId === p.id)) {
        if ((QUOTA_RESOURCES as readonly string[]).includes(row.resource)) {
          limits[row.resource as QuotaResource] = row.hardLimit;
          overridden.push(row.resource as QuotaResource);
        }
      }
      return { projectId: p.id, projectName: p.name, limits, overridden, usage: await computeUsage(ctx.db, p.id) };
    }),
  );
  return { ...page, items, defaults };
}

const zLimit = z.number().int().min(-1).max(2147483647);
export const ZDefaultQuotasInput = z.object(Object.fromEntries(QUOTA_RESOURCES.map((r) => [r, zLimit.optional()]))) as z.ZodType<Partial<QuotaValues>>;

/** The cloud's default quotas (Nova's `os-quota-class-sets/default`); admins only. */
export async function updateDefaultQuotas(ctx: RequestContext, raw: Partial<QuotaValues>): Promise<QuotaValues> {
  const auth = requireAuth(ctx);
  authorize(auth, 'compute:quota_sets:update', { project_id: auth.projectId ?? '' });
  const input = parseInput(ZDefaultQuotasInput, raw);
  await ctx.db.$transaction(async (tx) => {
    for (const r of QUOTA_RESOURCES) {
      const value = input[r];
      if (value === undefined) continue;
      await tx.quotaDefault.upsert({ where: { resource: r }, create: { resource: r, hardLimit: value }, update: { hardLimit: value } });
    }
  });
  return defaultLimits(ctx.db);
}
