import { Prisma, type ServerGroup } from '@nimbus/db';
import type { GroupPlacement, GroupPolicy } from '@nimbus/core/scheduler/index';

const GROUP_LOCK_CLASS = 0x5e6f;

/**
 * Serialises the placements of one server group for the rest of the transaction. Without it two
 * members of an anti-affinity group scheduled at once would each read the other's host as free
 * and both claim it; in turn, each reads the hosts the previous ones committed.
 */
export async function lockGroupPlacement(tx: Prisma.TransactionClient, groupId: string): Promise<void> {
  await tx.$executeRaw(Prisma.sql`SELECT pg_advisory_xact_lock(${GROUP_LOCK_CLASS}::int, hashtext(${groupId}))`);
}

/** The group as the filters and weighers see it: where its other live members are now. */
export async function groupPlacement(tx: Prisma.TransactionClient, group: ServerGroup, instanceId: string): Promise<GroupPlacement> {
  const others = await tx.instance.findMany({
    where: { serverGroupMember: { groupId: group.id }, id: { not: instanceId }, deletedAt: null, nodeId: { not: null } },
    select: { nodeId: true },
  });
  const membersOnHost: Record<string, number> = {};
  for (const o of others) membersOnHost[o.nodeId!] = (membersOnHost[o.nodeId!] ?? 0) + 1;
  const rules = group.rules as { max_server_per_host?: number } | null;
  return { id: group.id, policy: group.policy as GroupPolicy, maxServerPerHost: rules?.max_server_per_host ?? 1, membersOnHost };
}
