import type { PrismaClient } from '@nimbus/db';

/**
 * Enabled projects the user holds any role on: directly, through a group, or inherited from a
 * domain grant. Keystone's `GET /v3/auth/projects`; also the console's project switcher.
 */
export async function accessibleProjects(db: PrismaClient, userId: string) {
  const grants = await db.roleAssignment.findMany({
    where: { OR: [{ userId }, { group: { members: { some: { userId } } } }] },
    select: { projectId: true, domainId: true, inherited: true },
  });
  const direct = grants.map((g) => g.projectId).filter((p): p is string => p !== null);
  const viaDomain = grants.filter((g) => g.inherited && g.domainId).map((g) => g.domainId as string);
  return db.project.findMany({
    where: { enabled: true, OR: [{ id: { in: direct } }, { domainId: { in: viaDomain } }] },
    orderBy: { name: 'asc' },
  });
}
