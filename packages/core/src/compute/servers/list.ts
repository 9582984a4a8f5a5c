import { z } from 'zod';
import { BadRequest } from '@nimbus/shared';
import { statesForStatus } from '@nimbus/shared/compute-states';
import { Prisma } from '@nimbus/db';
import { requireAuth, type RequestContext } from '../../identity/context.js';
import { authorize, can, callerProject, findServer, isAdmin, parseNova, withNode, zBool, type InstanceWithNode } from './common.js';

/** Nova's sort keys (API name → column); anything else is a 400 as in Nova. */
const SORT_KEYS = {
  created_at: 'createdAt',
  updated_at: 'updatedAt',
  display_name: 'name',
  uuid: 'id',
  vm_state: 'vmState',
  task_state: 'taskState',
  power_state: 'powerState',
  launched_at: 'launchedAt',
  terminated_at: 'terminatedAt',
  availability_zone: 'availabilityZone',
  key_name: 'keyName',
  project_id: 'projectId',
  user_id: 'userId',
} as const satisfies Record<string, keyof Prisma.InstanceOrderByWithRelationInput>;

export const ZListServersInput = z.object({
  name: z.string().optional(),
  status: z.array(z.string()).optional(),
  image: z.string().optional(),
  flavor: z.string().optional(),
  host: z.string().optional(),
  node: z.string().optional(),
  availability_zone: z.string().optional(),
  key_name: z.string().optional(),
  reservation_id: z.string().optional(),
  user_id: z.string().optional(),
  project_id: z.string().optional(),
  all_tenants: zBool.optional(),
  deleted: zBool.optional(),
  'changes-since': z.iso.datetime({ offset: true, local: true }).optional(),
  'changes-before': z.iso.datetime({ offset: true, local: true }).optional(),
  sort_key: z.array(z.enum(Object.keys(SORT_KEYS) as [keyof typeof SORT_KEYS])).optional(),
  sort_dir: z.array(z.enum(['asc', 'desc'])).optional(),
  limit: z.number().int().min(0).optional(),
  marker: z.string().optional(),
});
export type ListServersInput = z.input<typeof ZListServersInput>;

export interface ServerPage {
  items: InstanceWithNode[];
  /** Id of the last item when a full page came back (Nova's `servers_links` next marker). */
  nextMarker: string | null;
}

const MAX_LIMIT = 1000;

/** Nova's `name` filter is a regular expression matched anywhere in the name (PostgreSQL `~`). */
async function idsMatchingName(ctx: RequestContext, pattern: string, projectId: string | null): Promise<string[]> {
  const scope = projectId === null ? Prisma.empty : Prisma.sql`AND "projectId" = ${projectId}`;
  try {
    const rows = await ctx.db.$queryRaw<Array<{ id: string }>>(Prisma.sql`SELECT id FROM "Instance" WHERE name ~ ${pattern} ${scope}`);
    return rows.map((r) => r.id);
  } catch (err) {
    throw new BadRequest(`Invalid input for query parameters name. Value: ${pattern}. Not a valid regular expression.`, { field: 'name', cause: err });
  }
}

function statusWhere(statuses: string[]): Prisma.InstanceWhereInput {
  const or: Prisma.InstanceWhereInput[] = [];
  for (const status of statuses) {
    for (const m of statesForStatus(status)) {
      if (m.taskIn) or.push({ vmState: m.vmState, taskState: { in: m.taskIn } });
      else if (m.taskNotIn) or.push({ vmState: m.vmState, OR: [{ taskState: null }, { taskState: { notIn: m.taskNotIn } }] });
      else or.push({ vmState: m.vmState });
    }
  }
  // An unknown status matches nothing, as in Nova.
  return or.length ? { OR: or } : { id: { in: [] } };
}

/**
 * Servers of the caller's project (all projects for admins with `all_tenants`), filtered and
 * sorted as Nova does, paged by `marker`/`limit`. Admin-only filters (host, node, deleted) are
 * ignored for others, as Nova strips them.
 */
export async function listServers(ctx: RequestContext, rawInput: ListServersInput = {}): Promise<ServerPage> {
  const auth = requireAuth(ctx);
  const input = parseNova(ZListServersInput, rawInput);
  const admin = isAdmin(ctx);
  const and: Prisma.InstanceWhereInput[] = [];

  let projectId: string | null = null;
  if (input.all_tenants) {
    authorize(auth, 'compute:servers:list:all_tenants', { project_id: auth.projectId ?? '' });
    projectId = input.project_id ?? null;
  } else {
    projectId = callerProject(auth);
    authorize(auth, 'compute:servers:list', { project_id: projectId });
  }
  if (projectId !== null) and.push({ projectId });
  const extended = admin && can(auth, 'compute:servers:show:extended', { project_id: auth.projectId ?? '' });

  const changesSince = input['changes-since'] ? new Date(input['changes-since']) : undefined;
  const changesBefore = input['changes-before'] ? new Date(input['changes-before']) : undefined;
  if (changesSince) and.push({ updatedAt: { gte: changesSince } });
  if (changesBefore) and.push({ updatedAt: { lte: changesBefore } });
  // Deleted servers show up only when asked about (admins) or in a changes-since feed, as in Nova.
  if (!(changesSince || changesBefore) && !(admin && input.deleted)) and.push({ deletedAt: null });
  if (admin && input.deleted === true) and.push({ deletedAt: { not: null } });

  if (input.name !== undefined) and.push({ id: { in: await idsMatchingName(ctx, input.name, projectId) } });
  if (input.status?.length) and.push(statusWhere(input.status));
  if (input.image) and.push({ imageId: input.image.split('/').at(-1) ?? input.image });
  if (input.flavor) and.push({ flavorId: input.flavor.split('/').at(-1) ?? input.flavor });
  if (input.availability_zone) and.push({ availabilityZone: input.availability_zone });
  if (input.key_name) and.push({ keyName: input.key_name });
  if (input.reservation_id) and.push({ reservationId: input.reservation_id });
  if (input.user_id) and.push({ userId: input.user_id });
  if (extended && input.host) and.push({ node: { name: input.host } });
  if (extended && input.node) and.push({ node: { name: input.node } });

  const keys = input.sort_key?.length ? input.sort_key : ['created_at' as const];
  const dirs = input.sort_dir ?? [];
  if (dirs.length > keys.length) throw new BadRequest('The number of sort_keys and sort_dirs must be same', { field: 'sort_dir' });
  const orderBy: Prisma.InstanceOrderByWithRelationInput[] = keys.map((k, i) => ({ [SORT_KEYS[k]]: dirs[i] ?? dirs[0] ?? 'desc' }));
  if (!keys.includes('uuid')) orderBy.push({ id: dirs[0] ?? 'desc' });

  const where: Prisma.InstanceWhereInput = { AND: and };
  if (input.marker) {
    const marker = await ctx.db.instance.findFirst({ where: { ...where, id: input.marker }, select: { id: true } });
    if (!marker) throw new BadRequest(`marker [${input.marker}] not found`, { field: 'marker' });
  }
  const limit = Math.min(input.limit ?? MAX_LIMIT, MAX_LIMIT);
  const rows = await ctx.db.instance.findMany({
    where,
    orderBy,
    include: withNode,
    ...(input.marker ? { cursor: { id: input.marker }, skip: 1 } : {}),
    take: limit,
  });
  // Nova links a next page whenever a page came back full (it does not look ahead).
  const full = limit > 0 && rows.length === limit && (input.limit !== undefined || rows.length === MAX_LIMIT);
  return { items: rows, nextMarker: full ? (rows.at(-1)?.id ?? null) : null };
}

/** One server, as `GET /servers/{id}` sees it. */
export async function getServer(ctx: RequestContext, id: string): Promise<InstanceWithNode> {
  return findServer(ctx, id, 'compute:servers:show');
}

/** Whether the caller sees host attributes (`OS-EXT-SRV-ATTR:*`) of a server in `projectId`. */
export function seesExtended(ctx: RequestContext, projectId: string): boolean {
  return isAdmin(ctx) && can(ctx.auth, 'compute:servers:show:extended', { project_id: projectId });
}
