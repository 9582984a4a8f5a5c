import { NotFound } from '@nimbus/shared';
import type { Domain, Group, Project, Role, User } from '@nimbus/db';
import type { Tx } from './common.js';

/** Loads by id or answers Keystone's "Could not find <type>: <id>." 404. */
export async function getDomainOr404(db: Tx, id: string): Promise<Domain> {
  const row = await db.domain.findUnique({ where: { id } });
  if (!row) throw new NotFound(`Could not find domain: ${id}.`);
  return row;
}

export async function getProjectOr404(db: Tx, id: string): Promise<Project> {
  const row = await db.project.findUnique({ where: { id } });
  if (!row) throw new NotFound(`Could not find project: ${id}.`);
  return row;
}

export async function getUserOr404(db: Tx, id: string): Promise<User> {
  const row = await db.user.findUnique({ where: { id } });
  if (!row) throw new NotFound(`Could not find user: ${id}.`);
  return row;
}

export async function getGroupOr404(db: Tx, id: string): Promise<Group> {
  const row = await db.group.findUnique({ where: { id } });
  if (!row) throw new NotFound(`Could not find group: ${id}.`);
  return row;
}

export async function getRoleOr404(db: Tx, id: string): Promise<Role> {
  const row = await db.role.findUnique({ where: { id } });
  if (!row) throw new NotFound(`Could not find role: ${id}.`);
  return row;
}

/** Keystone-shaped policy target fragments (snake_case, as the default rules read them). */
export const targetOf = {
  project: (p: Project) => ({ id: p.id, name: p.name, domain_id: p.domainId, parent_id: p.parentId ?? p.domainId, enabled: p.enabled }),
  user: (u: User) => ({ id: u.id, name: u.name, domain_id: u.domainId, enabled: u.enabled }),
  group: (g: Group) => ({ id: g.id, name: g.name, domain_id: g.domainId }),
  domain: (d: Domain) => ({ id: d.id, name: d.name, enabled: d.enabled }),
  role: (r: Role) => ({ id: r.id, name: r.name, domain_id: null }),
};

/** All projects below `projectId` (not including it), breadth first. */
export async function descendantIds(db: Tx, projectId: string): Promise<string[]> {
  const out: string[] = [];
  let frontier = [projectId];
  while (frontier.length > 0) {
    const children = await db.project.findMany({ where: { parentId: { in: frontier } }, select: { id: true } });
    frontier = children.map((c) => c.id).filter((id) => !out.includes(id) && id !== projectId);
    out.push(...frontier);
  }
  return out;
}
