import type { PrismaClient } from '@nimbus/db';
import type { RequestContext } from '../identity/context.js';
import { publishChange, type ChangeType } from '../events/changes.js';

/**
 * After a change the datapath sees (ports, subnets, routers, floating IPs, security groups) is
 * committed: the generation grows, and a notice tells the console and the node agents to look
 * again. Agents converge from the state document, so a lost notice is caught up by the next one.
 */
export async function bumpNetworkGeneration(db: Pick<PrismaClient, 'networkGeneration'>): Promise<number> {
  const row = await db.networkGeneration.upsert({ where: { id: 1 }, create: { id: 1, generation: 1 }, update: { generation: { increment: 1 } } });
  return row.generation;
}

export async function currentNetworkGeneration(db: Pick<PrismaClient, 'networkGeneration'>): Promise<number> {
  return (await db.networkGeneration.findUnique({ where: { id: 1 } }))?.generation ?? 0;
}

export async function networkChanged(ctx: RequestContext, change: { type: ChangeType; id: string; projectId: string | null }): Promise<void> {
  const generation = await bumpNetworkGeneration(ctx.db);
  await publishChange(ctx.redis, ctx.keyPrefix, change);
  await requestNetworkSync(ctx, generation);
}

/**
 * Asks every network node to converge on `generation`. Not awaited: the change is committed, and
 * with Redis down an enqueue waits for it to return rather than failing, which must not hold the
 * API call; a sync lost that way is caught up by the next change's.
 */
async function requestNetworkSync(ctx: RequestContext, generation: number): Promise<void> {
  const nodes = await ctx.db.computeNode.findMany({ where: { enabled: true, roles: { has: 'network' } }, select: { name: true } });
  for (const { name } of nodes) {
    ctx.jobs.networkSync(name, { generation, requestId: ctx.requestId }).catch((err: unknown) => {
      ctx.log.warn({ err, node: name, generation }, 'network-sync could not be enqueued');
    });
  }
}
