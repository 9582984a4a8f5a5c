import { z } from 'zod';
import type { Prisma } from '@nimbus/db';
import { requireAuth, type RequestContext } from '../context.js';
import { authorize } from './policy.js';
import { parseInput } from './common.js';
import { countedPage, nameOrId, zConsolePage, type CountedPage } from './console-page.js';
import { getGroupOr404, targetOf } from './lookup.js';

export const ZConsoleGroupsInput = z.object({
  ...zConsolePage,
  sort: z.enum(['name', 'description', 'domain', 'id']).default('name'),
});
export type ConsoleGroupsInput = z.input<typeof ZConsoleGroupsInput>;

export interface ConsoleGroup {
  id: string;
  name: string;
  description: string;
  domainId: string;
  domainName: string;
  memberCount: number;
}

const ORDER: Record<z.output<typeof ZConsoleGroupsInput>['sort'], (dir: Prisma.SortOrder) => Prisma.GroupOrderByWithRelationInput> = {
  name: (dir) => ({ name: dir }),
  description: (dir) => ({ description: dir }),
  domain: (dir) => ({ domain: { name: dir } }),
  id: (dir) => ({ id: dir }),
};

/** Identity → Groups (`identity:list_groups`). */
export async function consoleListGroups(ctx: RequestContext, raw: ConsoleGroupsInput = {}): Promise<CountedPage<ConsoleGroup>> {
  const input = parseInput(ZConsoleGroupsInput, raw);
  authorize(requireAuth(ctx), 'identity:list_groups', { target: {} });
  const where: Prisma.GroupWhereInput = nameOrId(input.q);
  const page = await countedPage(
    input,
    () => ctx.db.group.count({ where }),
    (skip, take) =>
      ctx.db.group.findMany({
        where,
        orderBy: [ORDER[input.sort](input.dir), { id: 'asc' }],
        skip,
        take,
        include: { domain: { select: { name: true } }, _count: { select: { members: true } } },
      }),
  );
  return {
    ...page,
    items: page.items.map((g) => ({
      id: g.id,
      name: g.name,
      description: g.description,
      domainId: g.domainId,
      domainName: g.domain.name,
      memberCount: g._count.members,
    })),
  };
}

export const ZConsoleGroupMembersInput = z.object({
  groupId: z.string().min(1),
  ...zConsolePage,
  sort: z.enum(['name', 'email', 'enabled']).default('name'),
});
export type ConsoleGroupMembersInput = z.input<typeof ZConsoleGroupMembersInput>;

export interface ConsoleGroupMember {
  id: string;
  name: string;
  email: string | null;
  enabled: boolean;
}

/** The members of one group (`identity:list_users_in_group`). */
export async function consoleListGroupMembers(ctx: RequestContext, raw: ConsoleGroupMembersInput): Promise<CountedPage<ConsoleGroupMember>> {
  const input = parseInput(ZConsoleGroupMembersInput, raw);
  const group = await getGroupOr404(ctx.db, input.groupId);
  authorize(requireAuth(ctx), 'identity:list_users_in_group', { target: { group: targetOf.group(group) }, group_id: group.id, domain_id: group.domainId });
  const where: Prisma.UserWhereInput = { ...nameOrId(input.q), memberships: { some: { groupId: group.id } } };
  const orderBy: Prisma.UserOrderByWithRelationInput =
    input.sort === 'email' ? { email: { sort: input.dir, nulls: 'last' } } : input.sort === 'enabled' ? { enabled: input.dir } : { name: input.dir };
  return countedPage(
    input,
    () => ctx.db.user.count({ where }),
    (skip, take) =>
      ctx.db.user.findMany({ where, orderBy: [orderBy, { id: 'asc' }], skip, take, select: { id: true, name: true, email: true, enabled: true } }),
  );
}
