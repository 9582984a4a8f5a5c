import { z } from 'zod';
import type { Prisma } from '@nimbus/db';
import { requireAuth, type RequestContext } from '../identity/context.js';
import { authorize } from '../identity/resources/policy.js';
import { parseInput } from '../identity/resources/common.js';
import { countedPage, zConsolePage, type CountedPage } from '../identity/resources/console-page.js';

/** Project → Key Pairs: the caller's own key pairs (Nova key pairs belong to the user), counted. */
export const ZConsoleKeyPairsInput = z.object({
  ...zConsolePage,
  sort: z.enum(['name', 'type', 'created']).default('name'),
});
export type ConsoleKeyPairsInput = z.input<typeof ZConsoleKeyPairsInput>;

export interface ConsoleKeyPair {
  id: string;
  name: string;
  type: string;
  fingerprint: string;
  publicKey: string;
  createdAt: Date;
}

const ORDER: Record<z.output<typeof ZConsoleKeyPairsInput>['sort'], (dir: Prisma.SortOrder) => Prisma.KeyPairOrderByWithRelationInput> = {
  name: (dir) => ({ name: dir }),
  type: (dir) => ({ type: dir }),
  created: (dir) => ({ createdAt: dir }),
};

export async function consoleListKeyPairs(ctx: RequestContext, raw: ConsoleKeyPairsInput = {}): Promise<CountedPage<ConsoleKeyPair>> {
  const input = parseInput(ZConsoleKeyPairsInput, raw);
  const auth = requireAuth(ctx);
  authorize(auth, 'compute:keypairs:list', { user_id: auth.userId, project_id: auth.projectId ?? null });
  const where: Prisma.KeyPairWhereInput = {
    userId: auth.userId,
    ...(input.q ? { OR: [{ name: { contains: input.q, mode: 'insensitive' } }, { fingerprint: input.q }] } : {}),
  };
  const page = await countedPage(
    input,
    () => ctx.db.keyPair.count({ where }),
    (skip, take) => ctx.db.keyPair.findMany({ where, orderBy: [ORDER[input.sort](input.dir), { id: 'asc' }], skip, take }),
  );
  return {
    ...page,
    items: page.items.map((k) => ({ id: k.id, name: k.name, type: k.type, fingerprint: k.fingerprint, publicKey: k.publicKey, createdAt: k.createdAt })),
  };
}
