import type { AssignmentEntry, AssignmentNames } from './role-assignments.js';
import { link } from './views.js';

function named(id: string, names: Map<string, { name: string }> | undefined) {
  const hit = names?.get(id);
  return hit ? { id, name: hit.name } : { id };
}

function withDomain(
  id: string,
  rows: Map<string, { name: string; domainId: string }> | undefined,
  domains: Map<string, { name: string }> | undefined,
) {
  const hit = rows?.get(id);
  if (!hit) return { id };
  return { domain: named(hit.domainId, domains), id, name: hit.name };
}

/**
 * Keystone's role-assignment entity: `links.assignment` points at the grant that produced the
 * entry (the group's, the inheriting domain's or project's, the prior role's), `links.membership`
 * at the group membership, `links.prior_role` at the implying role.
 */
export function roleAssignmentView(e: AssignmentEntry, names: AssignmentNames | null, baseUrl: string) {
  const n = names ?? undefined;
  let path: string;
  let inheritedLink = e.inheritedToProjects;
  if (e.indirect.domainId) {
    path = `OS-INHERIT/domains/${e.indirect.domainId}`;
    inheritedLink = true;
  } else if (e.indirect.projectId) {
    path = `OS-INHERIT/projects/${e.indirect.projectId}`;
    inheritedLink = true;
  } else if (e.projectId !== undefined) {
    path = `${e.inheritedToProjects ? 'OS-INHERIT/' : ''}projects/${e.projectId}`;
  } else {
    path = `${e.inheritedToProjects ? 'OS-INHERIT/' : ''}domains/${e.domainId ?? ''}`;
  }
  const links: Record<string, string> = {};
  if (e.indirect.groupId && e.userId) {
    path += `/groups/${e.indirect.groupId}`;
    links.membership = link(baseUrl, `groups/${e.indirect.groupId}/users/${e.userId}`);
  } else if (e.userId) {
    path += `/users/${e.userId}`;
  } else {
    path += `/groups/${e.groupId ?? ''}`;
  }
  path += `/roles/${e.indirect.roleId ?? e.roleId}`;
  if (inheritedLink) path += '/inherited_to_projects';
  links.assignment = link(baseUrl, path);
  if (e.indirect.roleId) links.prior_role = link(baseUrl, `roles/${e.indirect.roleId}`);

  const scope: Record<string, unknown> =
    e.projectId !== undefined
      ? { project: withDomain(e.projectId, n?.projects, n?.domains) }
      : { domain: named(e.domainId ?? '', n?.domains) };
  if (e.inheritedToProjects) scope['OS-INHERIT:inherited_to'] = 'projects';

  return {
    links,
    role: named(e.roleId, n?.roles),
    scope,
    ...(e.userId ? { user: withDomain(e.userId, n?.users, n?.domains) } : {}),
    ...(e.groupId ? { group: withDomain(e.groupId, n?.groups, n?.domains) } : {}),
  };
}
