import type { RequestContext } from '../context.js';
import { listRoleAssignments } from './role-assignments.js';

export interface ConsoleProjectAssignment {
  /** Stable row key: actor type, actor id and role id. */
  key: string;
  actorType: 'user' | 'group';
  actorId: string;
  actorName: string;
  roleId: string;
  roleName: string;
  /** Granted on the project for its subprojects (OS-INHERIT). */
  inherited: boolean;
}

/**
 * The grants made directly on one project (users and groups × roles), named and sorted by actor
 * then role. Uses the REST API's listRoleAssignments, so `identity:list_role_assignments` decides.
 */
export async function consoleProjectAssignments(ctx: RequestContext, projectId: string): Promise<ConsoleProjectAssignment[]> {
  const { page, names } = await listRoleAssignments(ctx, { projectId, includeNames: true });
  const rows = page.items.map((e): ConsoleProjectAssignment => {
    const actorType = e.userId !== undefined ? 'user' : 'group';
    const actorId = e.userId ?? e.groupId ?? '';
    const actorName = (actorType === 'user' ? names?.users.get(actorId)?.name : names?.groups.get(actorId)?.name) ?? actorId;
    return {
      key: `${actorType}:${actorId}:${e.roleId}${e.inheritedToProjects ? ':inherited' : ''}`,
      actorType,
      actorId,
      actorName,
      roleId: e.roleId,
      roleName: names?.roles.get(e.roleId)?.name ?? e.roleId,
      inherited: e.inheritedToProjects,
    };
  });
  return rows.sort((a, b) => a.actorType.localeCompare(b.actorType) * -1 || a.actorName.localeCompare(b.actorName) || a.roleName.localeCompare(b.roleName));
}
