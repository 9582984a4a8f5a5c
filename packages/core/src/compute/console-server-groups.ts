import { z } from 'zod';
import type { Prisma } from '@nimbus/db';
import { requireAuth, type RequestContext } from '../identity/context.js';
import { authorize } from '../identity/resources/policy.js';
import { parseInput } from '../identity/resources/common.js';
import { countedPage, zConsolePage, type CountedPage } from '../identity/resources/console-page.js';
import { callerProject } from './servers/common.js';

/** Project → Compute → Server Groups: the project's groups with their policy and live member count. */
export const ZConsoleServerGroupsInput = z.object({
  ...zConsolePage,
  sort: z.enum(['name', 'policy', 'created']).default('name'),
});
export type ConsoleServerGroupsInput = z.input<typeof ZConsoleServerGroupsInput>;

export interface ConsoleServerGroup {
  id: string;
  name: string;
  policy: string;
  /** anti-affinity's `max_server_per_host`, when the group sets it. */
  maxServerPerHost: number | null;
  members: number;
  createdAt: Date;
}

const ORDER: Record<z.output<typeof ZConsoleServerGroupsInput>['sort'], (dir: Prisma.SortOrder) => Prisma.ServerGroupOrderByWithRelationInput> = {
  name: (dir) => ({ name: dir }),
  policy: (dir) => ({ policy: dir }),
  created: (dir) => ({ createdAt: dir }),
};

export async function consoleListServerGroups(ctx: RequestContext, raw: ConsoleServerGroupsInput = {}): Promise<CountedPage<ConsoleServerGroup>> {
  const input = parseInput(ZConsoleServerGroupsInput, raw);
  const auth = requireAuth(ctx);
  const projectId = callerProject(auth);
  authorize(auth, 'os_compute_api:os-server-groups:index', { project_id: projectId });
  const where: Prisma.ServerGroupWhereInput = {
    projectId,
    ...(input.q ? { OR: [{ name: { contains: input.q, mode: 'insensitive' } }, { id: input.q }] } : {}),
  };
  const page = await countedPage(
    input,
    () => ctx.db.serverGroup.count({ where }),
    (skip, take) =>
      ctx.db.serverGroup.findMany({
        where,
        orderBy: [ORDER[input.sort](input.dir), { id: 'asc' }],
        skip,
        take,
        include: { _count: { select: { members: { where: { instance: { deletedAt: null } } } } } },
      }),
  );
  return {
    ...page,
    items: page.items.map((g) => ({
      id: g.id,
      name: g.name,
      policy: g.policy,
      maxServerPerHost: (g.rules as { max_server_per_host?: number } | null)?.max_server_per_host ?? null,
      members: g._count.members,
      createdAt: g.createdAt,
    })),
  };
}
