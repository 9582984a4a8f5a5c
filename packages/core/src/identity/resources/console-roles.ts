import { z } from 'zod';
import type { Prisma } from '@nimbus/db';
import { requireAuth, type RequestContext } from '../context.js';
import { authorize } from './policy.js';
import { parseInput } from './common.js';
import { countedPage, nameOrId, zConsolePage, type CountedPage } from './console-page.js';

export const ZConsoleRolesInput = z.object({
  ...zConsolePage,
  sort: z.enum(['name', 'description', 'id']).default('name'),
});
export type ConsoleRolesInput = z.input<typeof ZConsoleRolesInput>;

export interface ConsoleRole {
  id: string;
  name: string;
  description: string;
  /** Roles this one directly implies (admin → member), by name. */
  implies: { id: string; name: string }[];
  /** Roles that directly imply this one. */
  impliedBy: { id: string; name: string }[];
  assignmentCount: number;
}

/** Identity → Roles (`identity:list_roles`), each with its inference rules. */
export async function consoleListRoles(ctx: RequestContext, raw: ConsoleRolesInput = {}): Promise<CountedPage<ConsoleRole>> {
  const input = parseInput(ZConsoleRolesInput, raw);
  authorize(requireAuth(ctx), 'identity:list_roles', { target: {} });
  const where: Prisma.RoleWhereInput = nameOrId(input.q);
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
  const page = await countedPage(
    input,
    () => ctx.db.role.count({ where }),
    (skip, take) =>
      ctx.db.role.findMany({
        where,
        orderBy: [{ [input.sort]: input.dir }, { id: 'asc' }],
        skip,
        take,
        include: {
          implies: { include: { implied: { select: { id: true, name: true } } } },
          impliedBy: { include: { prior: { select: { id: true, name: true } } } },
          _count: { select: { assignments: true } },
        },
      }),
  );
  return {
    ...page,
    items: page.items.map((r) => ({
      id: r.id,
      name: r.name,
      description: r.description,
      implies: r.implies.map((i) => i.implied).sort(byName),
      impliedBy: r.impliedBy.map((i) => i.prior).sort(byName),
      assignmentCount: r._count.assignments,
    })),
  };
}
