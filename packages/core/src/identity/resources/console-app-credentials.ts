import { z } from 'zod';
import type { Prisma } from '@nimbus/db';
import { requireAuth, type RequestContext } from '../context.js';
import { authorize } from './policy.js';
import { parseInput } from './common.js';
import { countedPage, nameOrId, zConsolePage, type CountedPage } from './console-page.js';

export const ZConsoleAppCredentialsInput = z.object({
  ...zConsolePage,
  sort: z.enum(['name', 'project', 'expiresAt', 'createdAt']).default('name'),
});
export type ConsoleAppCredentialsInput = z.input<typeof ZConsoleAppCredentialsInput>;

export interface ConsoleAppCredential {
  id: string;
  name: string;
  description: string;
  projectId: string;
  projectName: string;
  unrestricted: boolean;
  expiresAt: Date | null;
  createdAt: Date;
  roles: { id: string; name: string }[];
}

const ORDER: Record<z.output<typeof ZConsoleAppCredentialsInput>['sort'], (dir: Prisma.SortOrder) => Prisma.ApplicationCredentialOrderByWithRelationInput> = {
  name: (dir) => ({ name: dir }),
  project: (dir) => ({ project: { name: dir } }),
  expiresAt: (dir) => ({ expiresAt: { sort: dir, nulls: 'last' } }),
  createdAt: (dir) => ({ createdAt: dir }),
};

/** Identity → Application Credentials: the caller's own (`identity:list_application_credentials` on self). */
export async function consoleListMyAppCredentials(ctx: RequestContext, raw: ConsoleAppCredentialsInput = {}): Promise<CountedPage<ConsoleAppCredential>> {
  const input = parseInput(ZConsoleAppCredentialsInput, raw);
  const auth = requireAuth(ctx);
  authorize(auth, 'identity:list_application_credentials', { target: { user: { id: auth.userId } }, user_id: auth.userId });
  const where: Prisma.ApplicationCredentialWhereInput = { userId: auth.userId, ...nameOrId(input.q) };
  const page = await countedPage(
    input,
    () => ctx.db.applicationCredential.count({ where }),
    (skip, take) =>
      ctx.db.applicationCredential.findMany({
        where,
        orderBy: [ORDER[input.sort](input.dir), { id: 'asc' }],
        skip,
        take,
        include: { project: { select: { name: true } }, roles: { include: { role: { select: { id: true, name: true } } } } },
      }),
  );
  return {
    ...page,
    items: page.items.map((a) => ({
      id: a.id,
      name: a.name,
      description: a.description,
      projectId: a.projectId,
      projectName: a.project.name,
      unrestricted: a.unrestricted,
      expiresAt: a.expiresAt,
      createdAt: a.createdAt,
      roles: a.roles.map((r) => r.role).sort((x, y) => x.name.localeCompare(y.name)),
    })),
  };
}
