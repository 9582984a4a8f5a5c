import { z } from 'zod';
import type { Prisma } from '@nimbus/db';
import { requireAuth, type RequestContext } from '../context.js';
import { can } from './policy.js';
import { parseInput } from './common.js';
import { countedPage, nameOrId, zConsolePage, type CountedPage } from './console-page.js';

export const ZConsoleUsersInput = z.object({
  ...zConsolePage,
  sort: z.enum(['name', 'email', 'enabled', 'domain', 'defaultProject', 'id']).default('name'),
  enabled: z.boolean().optional(),
});
export type ConsoleUsersInput = z.input<typeof ZConsoleUsersInput>;

export interface ConsoleUser {
  id: string;
  name: string;
  email: string | null;
  description: string;
  enabled: boolean;
  domainId: string;
  domainName: string;
  defaultProject: { id: string; name: string } | null;
}

const ORDER: Record<z.output<typeof ZConsoleUsersInput>['sort'], (dir: Prisma.SortOrder) => Prisma.UserOrderByWithRelationInput> = {
  name: (dir) => ({ name: dir }),
  email: (dir) => ({ email: { sort: dir, nulls: 'last' } }),
  enabled: (dir) => ({ enabled: dir }),
  domain: (dir) => ({ domain: { name: dir } }),
  defaultProject: (dir) => ({ defaultProject: { name: dir } }),
  id: (dir) => ({ id: dir }),
};

/** Identity → Users. `identity:list_users` sees everyone; anyone else sees only themselves (get_user on self). */
export async function consoleListUsers(ctx: RequestContext, raw: ConsoleUsersInput = {}): Promise<CountedPage<ConsoleUser> & { scope: 'all' | 'self' }> {
  const input = parseInput(ZConsoleUsersInput, raw);
  const auth = requireAuth(ctx);
  const all = can(auth, 'identity:list_users', { target: {} });
  const where: Prisma.UserWhereInput = {
    ...nameOrId(input.q),
    ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
    ...(all ? {} : { id: auth.userId }),
  };
  const page = await countedPage(
    input,
    () => ctx.db.user.count({ where }),
    (skip, take) =>
      ctx.db.user.findMany({
        where,
        orderBy: [ORDER[input.sort](input.dir), { id: 'asc' }],
        skip,
        take,
        include: { domain: { select: { name: true } }, defaultProject: { select: { id: true, name: true } } },
      }),
  );
  return {
    ...page,
    scope: all ? 'all' : 'self',
    items: page.items.map((u) => ({
      id: u.id,
      name: u.name,
      email: u.email,
      description: u.description,
      enabled: u.enabled,
      domainId: u.domainId,
      domainName: u.domain.name,
      defaultProject: u.defaultProject,
    })),
  };
}
