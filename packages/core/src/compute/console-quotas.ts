import { z } from 'zod';
import { requireAuth, type RequestContext } from '../identity/context.js';
import { authorize } from '../identity/resources/policy.js';
import { parseInput } from '../identity/resources/common.js';
import { countedPage, zConsolePage, type CountedPage } from '../identity/resources/console-page.js';
import { computeUsage, defaultLimits, QUOTA_RESOURCES, type QuotaResource, type QuotaValues } from '../quota/quotas.js';

/** Admin → Quotas: every project's compute limits (own or default) and what it uses. Defaults are edited with `updateQuotaClass`. */
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
