import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { BadRequest, NotFound, OverQuota } from '@nimbus/shared';
import { Prisma, type ServerGroup } from '@nimbus/db';
import { requireAuth, type AuthContext, type RequestContext } from '../identity/context.js';
import { lockProjectQuota, projectLimits, serverGroupUsage } from '../quota/quotas.js';
import { authorize, callerProject, can, isAdmin, parseNova, zInt } from './servers/common.js';

/**
 * Nova's server groups (os-server-groups): a placement policy its members share. The scheduler
 * reads it (ServerGroup(Anti)AffinityFilter, the soft weighers); a member joins at boot, through
 * the `group` scheduler hint, and leaves when it is deleted. Deleting a group drops its
 * memberships, never its servers.
 */
export const SERVER_GROUP_POLICIES = ['affinity', 'anti-affinity', 'soft-affinity', 'soft-anti-affinity'] as const;
export type ServerGroupPolicy = (typeof SERVER_GROUP_POLICIES)[number];

export type ServerGroupWithMembers = ServerGroup & { members: string[] };

export interface ServerGroupRules {
  max_server_per_host?: number;
}

/** Nova's `name` parameter: printable, 1..255, no surrounding whitespace. */
export const zGroupName = z
  .string()
  .min(1, 'must not be empty')
  .max(255, 'must be at most 255 characters')
  .refine((s) => s.trim() === s, 'must not start or end with whitespace');

/** Nova's positive_integer, which takes digit strings too. */
export const zMaxServerPerHost = zInt(1);

export const ZCreateServerGroupInput = z.strictObject({
  name: zGroupName,
  policy: z.enum(SERVER_GROUP_POLICIES, { message: `must be one of ${SERVER_GROUP_POLICIES.map((p) => `'${p}'`).join(', ')}` }),
  rules: z.strictObject({ max_server_per_host: zMaxServerPerHost.optional() }).optional(),
});
export type CreateServerGroupInput = z.input<typeof ZCreateServerGroupInput>;

function groupNotFound(id: string): NotFound {
  return new NotFound(`Instance group ${id} could not be found.`);
}

/** Members are the group's instances that are not deleted, oldest first. */
const withMembers = {
  members: { where: { instance: { deletedAt: null } }, select: { instanceId: true }, orderBy: [{ createdAt: 'asc' }, { instanceId: 'asc' }] },
} satisfies Prisma.ServerGroupInclude;

type GroupRow = Prisma.ServerGroupGetPayload<{ include: typeof withMembers }>;

function view(row: GroupRow): ServerGroupWithMembers {
  const { members, ...group } = row;
  return { ...group, members: members.map((m) => m.instanceId) };
}

/** `POST /os-server-groups`. Counted against `server_groups` under the project's quota lock. */
export async function createServerGroup(ctx: RequestContext, rawInput: CreateServerGroupInput): Promise<ServerGroupWithMembers> {
  const auth = requireAuth(ctx);
  const projectId = callerProject(auth);
  authorize(auth, 'os_compute_api:os-server-groups:create', { project_id: projectId, user_id: auth.userId });
  const input = parseNova(ZCreateServerGroupInput, rawInput);
  const rules: ServerGroupRules = input.rules?.max_server_per_host !== undefined ? { max_server_per_host: input.rules.max_server_per_host } : {};
  if (input.policy !== 'anti-affinity' && Object.keys(rules).length > 0) {
    throw new BadRequest('Only anti-affinity policy supports rules.', { field: 'rules' });
  }
  const row = await ctx.db.$transaction(
    async (tx) => {
      await lockProjectQuota(tx, projectId);
      const limit = (await projectLimits(tx, projectId)).server_groups;
      if (limit >= 0 && (await serverGroupUsage(tx, projectId)) >= limit) throw new OverQuota('Quota exceeded, too many server groups.');
      return tx.serverGroup.create({
        data: { id: randomUUID(), name: input.name, projectId, userId: auth.userId, policy: input.policy, rules: rules as Prisma.InputJsonObject },
        include: withMembers,
      });
    },
    { maxWait: 30_000, timeout: 30_000 },
  );
  ctx.log.info({ serverGroupId: row.id, policy: row.policy }, 'server group created');
  return view(row);
}

export interface ListServerGroupsInput {
  /** Every project's groups: honoured when `index:all_projects` allows it (admins), else ignored, as Nova. */
  allProjects?: boolean;
  limit?: number;
  offset?: number;
}

/** Nova's max_limit for offset paging. */
const MAX_LIMIT = 1000;

/** `GET /os-server-groups`: the project's groups in creation order, paged by limit/offset. */
export async function listServerGroups(ctx: RequestContext, input: ListServerGroupsInput = {}): Promise<ServerGroupWithMembers[]> {
  const auth = requireAuth(ctx);
  const projectId = callerProject(auth);
  authorize(auth, 'os_compute_api:os-server-groups:index', { project_id: projectId });
  const everyProject = input.allProjects === true && can(auth, 'os_compute_api:os-server-groups:index:all_projects', { project_id: projectId });
  const rows = await ctx.db.serverGroup.findMany({
    where: everyProject ? {} : { projectId },
    include: withMembers,
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    skip: input.offset ?? 0,
    take: Math.min(MAX_LIMIT, input.limit || MAX_LIMIT),
  });
  return rows.map(view);
}

/** A group the caller may see: its project's, or any for admins; anything else is not found. */
async function visibleGroup(ctx: RequestContext, auth: AuthContext, id: string): Promise<GroupRow | null> {
  const row = await ctx.db.serverGroup.findUnique({ where: { id }, include: withMembers });
  if (!row || (row.projectId !== auth.projectId && !isAdmin(ctx))) return null;
  return row;
}

export async function getServerGroup(ctx: RequestContext, id: string): Promise<ServerGroupWithMembers> {
  const auth = requireAuth(ctx);
  const row = await visibleGroup(ctx, auth, id);
  if (!row) throw groupNotFound(id);
  authorize(auth, 'os_compute_api:os-server-groups:show', { project_id: row.projectId, user_id: row.userId });
  return view(row);
}

/** `DELETE /os-server-groups/{id}`: the memberships go with it (cascade); the servers stay. */
export async function deleteServerGroup(ctx: RequestContext, id: string): Promise<void> {
  const auth = requireAuth(ctx);
  const row = await visibleGroup(ctx, auth, id);
  if (!row) throw groupNotFound(id);
  authorize(auth, 'os_compute_api:os-server-groups:delete', { project_id: row.projectId, user_id: row.userId });
  const { count } = await ctx.db.serverGroup.deleteMany({ where: { id } });
  if (count === 0) throw groupNotFound(id);
  ctx.log.info({ serverGroupId: id, members: row.members.length }, 'server group deleted');
}

const UUID = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32})$/i;

/**
 * The group a server create names in its `group` scheduler hint. Nova's schema wants a UUID;
 * a group the caller cannot see is a 400, as Nova answers InstanceGroupNotFound at create.
 */
export async function hintedServerGroup(ctx: RequestContext, auth: AuthContext, hint: unknown, field: string): Promise<ServerGroup> {
  if (typeof hint !== 'string' || !UUID.test(hint)) {
    throw new BadRequest(`Invalid input for field/attribute ${field}. Value: ${String(hint)}. '${String(hint)}' is not a 'uuid'`, { field });
  }
  const row = await visibleGroup(ctx, auth, hint);
  if (!row) throw new BadRequest(`Instance group ${hint} could not be found.`, { field });
  return row;
}

/**
 * Inside a server create's transaction (after the project's quota lock): locks the group row, so
 * concurrent creates into one group count each other's members and a concurrent delete waits,
 * then checks `server_group_members` for `adding` more.
 */
export async function checkGroupMembers(tx: Prisma.TransactionClient, groupId: string, limit: number, adding: number): Promise<void> {
  const locked = await tx.$queryRaw<Array<{ id: string }>>(Prisma.sql`SELECT id FROM "ServerGroup" WHERE id = ${groupId} FOR UPDATE`);
  if (locked.length === 0) throw new BadRequest(`Instance group ${groupId} could not be found.`, { field: 'os:scheduler_hints.group' });
  if (limit < 0) return;
  const members = await tx.serverGroupMember.count({ where: { groupId, instance: { deletedAt: null } } });
  if (members + adding > limit) throw new OverQuota('Quota exceeded, too many servers in group');
}
