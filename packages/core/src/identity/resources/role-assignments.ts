import { z } from 'zod';
import { BadRequest } from '@nimbus/shared';
import type { Prisma, RoleAssignment } from '@nimbus/db';
import type { RequestContext } from '../context.js';
import { authorize } from './policy.js';
import { pageInMemory, parseInput, zPage, type Page, type Tx } from './common.js';
import { descendantIds, getDomainOr404, getProjectOr404, targetOf } from './lookup.js';

export const ZListRoleAssignmentsInput = z.object({
  projectId: z.string().min(1).optional(),
  domainId: z.string().min(1).optional(),
  userId: z.string().min(1).optional(),
  groupId: z.string().min(1).optional(),
  roleId: z.string().min(1).optional(),
  /** `scope.OS-INHERIT:inherited_to=projects`: only grants that flow down to projects. */
  inheritedTo: z.literal('projects').optional(),
  effective: z.boolean().optional(),
  includeNames: z.boolean().optional(),
  includeSubtree: z.boolean().optional(),
  ...zPage,
});
export type ListRoleAssignmentsInput = z.input<typeof ZListRoleAssignmentsInput>;

/** One row of `GET /v3/role_assignments`, before it is shaped for the wire. */
export interface AssignmentEntry {
  roleId: string;
  userId?: string;
  groupId?: string;
  projectId?: string;
  domainId?: string;
  inheritedToProjects: boolean;
  /** Where an effective entry came from: the group, the inheriting domain/project, the prior role. */
  indirect: { groupId?: string; projectId?: string; domainId?: string; roleId?: string };
}

export interface AssignmentNames {
  roles: Map<string, { name: string }>;
  users: Map<string, { name: string; domainId: string }>;
  groups: Map<string, { name: string; domainId: string }>;
  projects: Map<string, { name: string; domainId: string }>;
  domains: Map<string, { name: string }>;
}

export interface RoleAssignmentList {
  page: Page<AssignmentEntry>;
  names: AssignmentNames | null;
}

function validate(input: z.output<typeof ZListRoleAssignmentsInput>): void {
  if (input.projectId && input.domainId) {
    throw new BadRequest('Specify a domain or project, not both.', { field: 'scope' });
  }
  if (input.userId && input.groupId) throw new BadRequest('Specify a user or group, not both.', { field: 'user.id' });
  if (input.effective && input.groupId) {
    throw new BadRequest('Combining effective and group filter will always result in an empty list.', { field: 'group.id' });
  }
  if (input.includeSubtree && !input.projectId) {
    throw new BadRequest('scope.project.id needs to be specified if include_subtree is also specified.', { field: 'scope.project.id' });
  }
}

async function closureOf(db: Tx): Promise<(roleId: string) => string[]> {
  const rules = await db.impliedRole.findMany();
  const implies = new Map<string, string[]>();
  for (const r of rules) implies.set(r.priorRoleId, [...(implies.get(r.priorRoleId) ?? []), r.impliedRoleId]);
  return (roleId) => {
    const seen = new Set<string>([roleId]);
    const stack = [roleId];
    while (stack.length) {
      for (const next of implies.get(stack.pop() as string) ?? []) {
        if (seen.has(next)) continue;
        seen.add(next);
        stack.push(next);
      }
    }
    seen.delete(roleId);
    return [...seen];
  };
}

/** Expands one stored grant into what it means in effect: group → members, inherited → projects, role → implied roles. */
async function expand(db: Tx, a: RoleAssignment, implied: (roleId: string) => string[], members: Map<string, string[]>): Promise<AssignmentEntry[]> {
  const actors: Array<Pick<AssignmentEntry, 'userId' | 'groupId'> & { via?: string }> =
    a.actorType === 'USER' ? [{ userId: a.userId ?? '' }] : (members.get(a.groupId ?? '') ?? []).map((userId) => ({ userId, via: a.groupId ?? '' }));
  let scopes: Array<{ projectId?: string; domainId?: string; from?: { projectId?: string; domainId?: string } }>;
  if (!a.inherited) {
    scopes = [a.targetType === 'PROJECT' ? { projectId: a.projectId ?? '' } : { domainId: a.domainId ?? '' }];
  } else if (a.targetType === 'PROJECT') {
    scopes = (await descendantIds(db, a.projectId ?? '')).map((projectId) => ({ projectId, from: { projectId: a.projectId ?? '' } }));
  } else {
    const projects = await db.project.findMany({ where: { domainId: a.domainId ?? '' }, select: { id: true } });
    scopes = projects.map((p) => ({ projectId: p.id, from: { domainId: a.domainId ?? '' } }));
  }
  const roles = [{ roleId: a.roleId }, ...implied(a.roleId).map((roleId) => ({ roleId, prior: a.roleId }))];
  const out: AssignmentEntry[] = [];
  for (const actor of actors) {
    for (const scope of scopes) {
      for (const role of roles) {
        out.push({
          roleId: role.roleId,
          ...(actor.userId !== undefined ? { userId: actor.userId } : {}),
          ...(scope.projectId !== undefined ? { projectId: scope.projectId } : { domainId: scope.domainId ?? '' }),
          inheritedToProjects: false,
          indirect: {
            ...(actor.via ? { groupId: actor.via } : {}),
            ...(scope.from ?? {}),
            ...('prior' in role ? { roleId: role.prior } : {}),
          },
        });
      }
    }
  }
  return out;
}

function asEntry(a: RoleAssignment): AssignmentEntry {
  return {
    roleId: a.roleId,
    ...(a.userId ? { userId: a.userId } : {}),
    ...(a.groupId ? { groupId: a.groupId } : {}),
    ...(a.targetType === 'PROJECT' ? { projectId: a.projectId ?? '' } : { domainId: a.domainId ?? '' }),
    inheritedToProjects: a.inherited,
    indirect: {},
  };
}

/** `GET /v3/role_assignments` with Keystone's filters and its `effective` expansion. */
export async function listRoleAssignments(ctx: RequestContext, rawInput: ListRoleAssignmentsInput = {}): Promise<RoleAssignmentList> {
  const input = parseInput(ZListRoleAssignmentsInput, rawInput);
  validate(input);
  const project = input.projectId ? await getProjectOr404(ctx.db, input.projectId) : null;
  const domain = input.domainId ? await getDomainOr404(ctx.db, input.domainId) : null;
  const policyTarget = {
    target: { ...(project ? { project: targetOf.project(project) } : {}), ...(domain ? { domain: targetOf.domain(domain) } : {}) },
    ...(project ? { project_id: project.id, domain_id: project.domainId } : {}),
    ...(domain ? { domain_id: domain.id } : {}),
    ...(input.userId ? { user_id: input.userId } : {}),
    ...(input.groupId ? { group_id: input.groupId } : {}),
    ...(input.roleId ? { role_id: input.roleId } : {}),
  };
  authorize(ctx.auth, input.includeSubtree ? 'identity:list_role_assignments_for_tree' : 'identity:list_role_assignments', policyTarget);

  const db = ctx.db;
  let where: Prisma.RoleAssignmentWhereInput = {};
  let userGroups: string[] = [];
  if (input.userId) {
    userGroups = (await db.groupMembership.findMany({ where: { userId: input.userId }, select: { groupId: true } })).map((m) => m.groupId);
    where = input.effective ? { OR: [{ userId: input.userId }, { groupId: { in: userGroups } }] } : { userId: input.userId };
  } else if (input.groupId) {
    where = { groupId: input.groupId };
  }
  if (!input.effective && input.roleId) where = { AND: [where, { roleId: input.roleId }] };
  const raw = await db.roleAssignment.findMany({ where, orderBy: { createdAt: 'asc' } });

  let entries: AssignmentEntry[];
  if (input.effective) {
    const implied = await closureOf(db);
    const groupIds = [...new Set(raw.map((a) => a.groupId).filter((g): g is string => !!g))];
    const members = new Map<string, string[]>();
    for (const m of await db.groupMembership.findMany({ where: { groupId: { in: groupIds } } })) {
      if (input.userId && m.userId !== input.userId) continue;
      members.set(m.groupId, [...(members.get(m.groupId) ?? []), m.userId]);
    }
    entries = [];
    for (const a of raw) entries.push(...(await expand(db, a, implied, members)));
  } else {
    entries = raw.map(asEntry);
  }

  const projectScope = project ? new Set([project.id, ...(input.includeSubtree ? await descendantIds(db, project.id) : [])]) : null;
  entries = entries.filter(
    (e) =>
      (!input.roleId || e.roleId === input.roleId) &&
      (!projectScope || (e.projectId !== undefined && projectScope.has(e.projectId))) &&
      (!domain || e.domainId === domain.id) &&
      (!input.inheritedTo || e.inheritedToProjects),
  );

  const page = pageInMemory(entries, entryKey, input);
  return { page, names: input.includeNames ? await namesFor(db, page.items) : null };
}

function entryKey(e: AssignmentEntry): string {
  return [e.roleId, e.userId ?? e.groupId, e.projectId ?? e.domainId, e.inheritedToProjects ? 'i' : '', e.indirect.groupId, e.indirect.roleId, e.indirect.projectId ?? e.indirect.domainId].join(':');
}

async function namesFor(db: Tx, entries: AssignmentEntry[]): Promise<AssignmentNames> {
  const ids = (pick: (e: AssignmentEntry) => string | undefined) => [...new Set(entries.map(pick).filter((x): x is string => !!x))];
  const [roles, users, groups, projects] = await Promise.all([
    db.role.findMany({ where: { id: { in: ids((e) => e.roleId) } }, select: { id: true, name: true } }),
    db.user.findMany({ where: { id: { in: ids((e) => e.userId) } }, select: { id: true, name: true, domainId: true } }),
    db.group.findMany({ where: { id: { in: ids((e) => e.groupId) } }, select: { id: true, name: true, domainId: true } }),
    db.project.findMany({ where: { id: { in: ids((e) => e.projectId) } }, select: { id: true, name: true, domainId: true } }),
  ]);
  const domainIds = new Set([...ids((e) => e.domainId), ...users.map((u) => u.domainId), ...groups.map((g) => g.domainId), ...projects.map((p) => p.domainId)]);
  const domains = await db.domain.findMany({ where: { id: { in: [...domainIds] } }, select: { id: true, name: true } });
  const byId = <T extends { id: string }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]));
  return { roles: byId(roles), users: byId(users), groups: byId(groups), projects: byId(projects), domains: byId(domains) };
}
