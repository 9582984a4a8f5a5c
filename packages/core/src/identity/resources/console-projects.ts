import { z } from 'zod';
import type { Prisma } from '@nimbus/db';
import { requireAuth, type RequestContext } from '../context.js';
import { can } from './policy.js';
import { parseInput } from './common.js';
import { countedPage, nameOrId, zConsolePage, type CountedPage } from './console-page.js';
import { listUserProjects } from './users.js';

export const ZConsoleProjectsInput = z.object({
  ...zConsolePage,
  sort: z.enum(['name', 'description', 'domain', 'enabled', 'id']).default('name'),
  enabled: z.boolean().optional(),
});
export type ConsoleProjectsInput = z.input<typeof ZConsoleProjectsInput>;

export interface ConsoleProject {
  id: string;
  name: string;
  description: string;
  enabled: boolean;
  domainId: string;
  domainName: string;
  parentId: string | null;
}

const ORDER: Record<z.output<typeof ZConsoleProjectsInput>['sort'], (dir: Prisma.SortOrder) => Prisma.ProjectOrderByWithRelationInput> = {
  name: (dir) => ({ name: dir }),
  description: (dir) => ({ description: dir }),
  domain: (dir) => ({ domain: { name: dir } }),
  enabled: (dir) => ({ enabled: dir }),
  id: (dir) => ({ id: dir }),
};

/**
 * Identity → Projects. Whoever may list all projects (`identity:list_projects`) sees all of them;
 * anyone else sees the projects they hold a role on (`identity:list_user_projects` on themselves).
 */
export async function consoleListProjects(ctx: RequestContext, raw: ConsoleProjectsInput = {}): Promise<CountedPage<ConsoleProject> & { scope: 'all' | 'mine' }> {
  const input = parseInput(ZConsoleProjectsInput, raw);
  const auth = requireAuth(ctx);
  const all = can(auth, 'identity:list_projects', { target: {} });
  const where: Prisma.ProjectWhereInput = {
    ...nameOrId(input.q),
    ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
  };
  if (!all) {
    const mine = await listUserProjects(ctx, auth.userId);
    where.AND = [{ id: { in: mine.map((p) => p.id) } }];
  }
  const page = await countedPage(
    input,
    () => ctx.db.project.count({ where }),
    (skip, take) =>
      ctx.db.project.findMany({
        where,
        orderBy: [ORDER[input.sort](input.dir), { id: 'asc' }],
        skip,
        take,
        include: { domain: { select: { name: true } } },
      }),
  );
  return {
    ...page,
    scope: all ? 'all' : 'mine',
    items: page.items.map((p) => ({
      id: p.id,
      name: p.name,
      description: p.description,
      enabled: p.enabled,
      domainId: p.domainId,
      domainName: p.domain.name,
      parentId: p.parentId,
    })),
  };
}
