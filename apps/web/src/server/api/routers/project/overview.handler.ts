import type { ConsoleHandlerCtx } from '../identity/handler-context';
import { allowed } from '../identity/handler-context';
import { accessibleProjects } from '@nimbus/core/identity/accessible-projects';

/** Project → Overview: the session's project, your roles on it, and a few counts. */
export async function overviewHandler({ ctx }: { ctx: ConsoleHandlerCtx }) {
  const { auth } = ctx.session;
  const db = ctx.ctx.db;
  const projectId = auth.projectId ?? '';
  const seeAssignments = allowed(ctx, 'identity:list_role_assignments', { target: { project: { id: projectId } }, project_id: projectId });
  const [project, myCredentials, projects, userGrants, groupGrants] = await Promise.all([
    db.project.findUnique({ where: { id: projectId }, include: { domain: { select: { name: true } } } }),
    db.applicationCredential.count({ where: { userId: auth.userId, projectId } }),
    accessibleProjects(db, auth.userId),
    seeAssignments ? db.roleAssignment.findMany({ where: { projectId, actorType: 'USER' }, distinct: ['userId'], select: { userId: true } }) : null,
    seeAssignments ? db.roleAssignment.findMany({ where: { projectId, actorType: 'GROUP' }, distinct: ['groupId'], select: { groupId: true } }) : null,
  ]);
  return {
    project: {
      id: projectId,
      name: project?.name ?? auth.projectName ?? '',
      description: project?.description ?? '',
      domainName: project?.domain.name ?? auth.projectDomainId ?? '',
      enabled: project?.enabled ?? true,
    },
    user: { id: auth.userId, name: auth.userName },
    roles: [...auth.roles].sort(),
    isAdmin: auth.isAdmin,
    counts: {
      myCredentials,
      projects: projects.length,
      users: userGrants?.length ?? null,
      groups: groupGrants?.length ?? null,
    },
    expiresAt: auth.expiresAt,
  };
}
