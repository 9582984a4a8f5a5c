import type { PrismaClient } from '@nimbus/db';

export interface RoleRef {
  id: string;
  name: string;
}

/** Closure of `roleIds` under the implied-role rules (admin → member → reader). */
export async function expandImpliedRoles(db: PrismaClient, roleIds: Iterable<string>): Promise<RoleRef[]> {
  const rules = await db.impliedRole.findMany();
  const implies = new Map<string, string[]>();
  for (const r of rules) implies.set(r.priorRoleId, [...(implies.get(r.priorRoleId) ?? []), r.impliedRoleId]);
  const seen = new Set<string>();
  const stack = [...roleIds];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(implies.get(id) ?? []));
  }
  if (seen.size === 0) return [];
  const roles = await db.role.findMany({ where: { id: { in: [...seen] } }, select: { id: true, name: true } });
  return roles.sort((a, b) => a.name.localeCompare(b.name));
}

/** Ids of the project's ancestors, nearest first; inherited grants on them apply to the project. */
async function ancestorIds(db: PrismaClient, projectId: string): Promise<string[]> {
  const out: string[] = [];
  let current = await db.project.findUnique({ where: { id: projectId }, select: { parentId: true } });
  while (current?.parentId && !out.includes(current.parentId)) {
    out.push(current.parentId);
    current = await db.project.findUnique({ where: { id: current.parentId }, select: { parentId: true } });
  }
  return out;
}

/**
 * The roles a user holds on a project or domain: direct grants, grants to the user's groups,
 * inherited grants from the owning domain and ancestor projects, then implied roles.
 */
export async function effectiveRoles(
  db: PrismaClient,
  userId: string,
  scope: { projectId: string; domainId: string } | { domainId: string; projectId?: undefined },
): Promise<RoleRef[]> {
  const groups = await db.groupMembership.findMany({ where: { userId }, select: { groupId: true } });
  const actor = [{ userId }, ...(groups.length ? [{ groupId: { in: groups.map((g) => g.groupId) } }] : [])];
  let targets;
  if (scope.projectId !== undefined) {
    const ancestors = await ancestorIds(db, scope.projectId);
    targets = [
      { targetType: 'PROJECT' as const, projectId: scope.projectId, inherited: false },
      { targetType: 'DOMAIN' as const, domainId: scope.domainId, inherited: true },
      ...(ancestors.length ? [{ targetType: 'PROJECT' as const, projectId: { in: ancestors }, inherited: true }] : []),
    ];
  } else {
    targets = [{ targetType: 'DOMAIN' as const, domainId: scope.domainId, inherited: false }];
  }
  const grants = await db.roleAssignment.findMany({
    where: { AND: [{ OR: actor }, { OR: targets }] },
    select: { roleId: true },
  });
  return expandImpliedRoles(db, new Set(grants.map((g) => g.roleId)));
}
