import type { PrismaClient } from '@nimbus/db';

/** Grants the user holds directly or through one of its groups. */
function heldBy(userId: string) {
  return { OR: [{ userId }, { group: { members: { some: { userId } } } }] };
}

/**
 * Enabled projects the user holds any role on: directly, through a group, or inherited from a
 * domain grant. Keystone's `GET /v3/auth/projects`; also the console's project switcher.
 */
export async function accessibleProjects(db: PrismaClient, userId: string) {
  const grants = await db.roleAssignment.findMany({
    where: heldBy(userId),
    select: { projectId: true, domainId: true, inherited: true },
  });
  const direct = grants.map((g) => g.projectId).filter((p): p is string => p !== null);
  const viaDomain = grants.filter((g) => g.inherited && g.domainId).map((g) => g.domainId as string);
  return db.project.findMany({
    where: { enabled: true, OR: [{ id: { in: direct } }, { domainId: { in: viaDomain } }] },
    orderBy: { name: 'asc' },
  });
}

/** Enabled domains the user holds a (non-inherited) role on: Keystone's `GET /v3/auth/domains`. */
export async function accessibleDomains(db: PrismaClient, userId: string) {
  const grants = await db.roleAssignment.findMany({
    where: { targetType: 'DOMAIN', inherited: false, ...heldBy(userId) },
    select: { domainId: true },
  });
  const ids = [...new Set(grants.map((g) => g.domainId).filter((d): d is string => d !== null))];
  return db.domain.findMany({ where: { id: { in: ids }, enabled: true }, orderBy: { name: 'asc' } });
}
