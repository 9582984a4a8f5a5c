import { z } from 'zod';
import type { Prisma } from '@nimbus/db';
import { isTransitional, POWER_STATE_NAMES, serverStatus, statesForStatus, allowedActions, type ServerAction } from '@nimbus/shared/compute-states';
import { requireAuth, type RequestContext } from '../identity/context.js';
import { countedPage, zConsolePage, type CountedPage } from '../identity/resources/console-page.js';
import { parseInput } from '../identity/resources/common.js';
import { authorize, callerProject, can, isAdmin, serverNotFound } from './servers/common.js';

/** The console's Instances tables (project and admin): counted, sorted pages of live servers. */
export const ZConsoleServersInput = z.object({
  ...zConsolePage,
  sort: z.enum(['name', 'status', 'created', 'az', 'project']).default('created'),
  status: z.string().max(32).optional(),
  /** Admin → Instances: every project's servers. */
  allProjects: z.boolean().optional(),
});
export type ConsoleServersInput = z.input<typeof ZConsoleServersInput>;

export interface ConsoleServer {
  id: string;
  name: string;
  status: string;
  vmState: string;
  taskState: string | null;
  powerState: string;
  transitional: boolean;
  allowed: ServerAction[];
  image: { id: string; name: string | null } | null;
  flavor: { id: string; name: string | null; vcpus: number; memoryMb: number; rootGb: number };
  keyName: string | null;
  availabilityZone: string | null;
  host: string | null;
  projectId: string;
  projectName: string | null;
  createdAt: Date;
  fault: { code?: number; message?: string; details?: string } | null;
}

const ORDER: Record<z.output<typeof ZConsoleServersInput>['sort'], (dir: Prisma.SortOrder) => Prisma.InstanceOrderByWithRelationInput[]> = {
  name: (dir) => [{ name: dir }],
  status: (dir) => [{ vmState: dir }, { taskState: dir }],
  created: (dir) => [{ createdAt: dir }],
  az: (dir) => [{ availabilityZone: dir }],
  project: (dir) => [{ projectId: dir }],
};

type Row = Prisma.InstanceGetPayload<{ include: { node: { select: { name: true } } } }>;

async function views(ctx: RequestContext, rows: Row[], showHost: boolean): Promise<ConsoleServer[]> {
  const imageIds = [...new Set(rows.map((r) => r.imageId).filter((x): x is string => !!x))];
  const flavorIds = [...new Set(rows.map((r) => r.flavorId))];
  const projectIds = [...new Set(rows.map((r) => r.projectId))];
  const [images, flavors, projects] = await Promise.all([
    ctx.db.image.findMany({ where: { id: { in: imageIds } }, select: { id: true, name: true } }),
    ctx.db.flavor.findMany({ where: { id: { in: flavorIds } }, select: { id: true, name: true } }),
    ctx.db.project.findMany({ where: { id: { in: projectIds } }, select: { id: true, name: true } }),
  ]);
  const imageName = new Map(images.map((i) => [i.id, i.name]));
  const flavorName = new Map(flavors.map((f) => [f.id, f.name]));
  const projectName = new Map(projects.map((p) => [p.id, p.name]));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    status: serverStatus(r.vmState, r.taskState),
    vmState: r.vmState,
    taskState: r.taskState,
    powerState: POWER_STATE_NAMES[r.powerState] ?? String(r.powerState),
    transitional: isTransitional(r.vmState, r.taskState),
    allowed: allowedActions({ id: r.id, vmState: r.vmState, taskState: r.taskState }),
    image: r.imageId ? { id: r.imageId, name: imageName.get(r.imageId) ?? null } : null,
    flavor: { id: r.flavorId, name: flavorName.get(r.flavorId) ?? null, vcpus: r.vcpus, memoryMb: r.memoryMb, rootGb: r.rootGb },
    keyName: r.keyName,
    availabilityZone: r.availabilityZone,
    host: showHost ? (r.node?.name ?? null) : null,
    projectId: r.projectId,
    projectName: projectName.get(r.projectId) ?? null,
    createdAt: r.createdAt,
    fault: (r.fault as ConsoleServer['fault']) ?? null,
  }));
}

/** Project → Instances (the caller's project) or Admin → Instances (`allProjects`, all_tenants rule). */
export async function consoleListServers(ctx: RequestContext, raw: ConsoleServersInput = {}): Promise<CountedPage<ConsoleServer>> {
  const input = parseInput(ZConsoleServersInput, raw);
  const auth = requireAuth(ctx);
  const and: Prisma.InstanceWhereInput[] = [{ deletedAt: null }];
  if (input.allProjects) {
    authorize(auth, 'compute:servers:list:all_tenants', { project_id: auth.projectId ?? '' });
  } else {
    const projectId = callerProject(auth);
    authorize(auth, 'compute:servers:list', { project_id: projectId });
    and.push({ projectId });
  }
  if (input.q) and.push({ OR: [{ name: { contains: input.q, mode: 'insensitive' } }, { id: input.q }] });
  if (input.status) {
    const or: Prisma.InstanceWhereInput[] = statesForStatus(input.status).map((m) =>
      m.taskIn
        ? { vmState: m.vmState, taskState: { in: m.taskIn } }
        : m.taskNotIn
          ? { vmState: m.vmState, OR: [{ taskState: null }, { taskState: { notIn: m.taskNotIn } }] }
          : { vmState: m.vmState },
    );
    and.push(or.length ? { OR: or } : { id: { in: [] } });
  }
  const where: Prisma.InstanceWhereInput = { AND: and };
  const page = await countedPage(
    input,
    () => ctx.db.instance.count({ where }),
    (skip, take) =>
      ctx.db.instance.findMany({ where, orderBy: [...ORDER[input.sort](input.dir), { id: 'asc' }], skip, take, include: { node: { select: { name: true } } } }),
  );
  return { ...page, items: await views(ctx, page.items, isAdmin(ctx)) };
}

export interface ConsoleServerDetail extends ConsoleServer {
  description: string | null;
  metadata: Record<string, string>;
  launchedAt: Date | null;
  updatedAt: Date;
  attempts: number;
}

/** One server for the detail page (404 for another project's, as `findServer`). */
export async function consoleGetServer(ctx: RequestContext, id: string): Promise<ConsoleServerDetail> {
  const auth = requireAuth(ctx);
  const row = await ctx.db.instance.findUnique({ where: { id }, include: { node: { select: { name: true } } } });
  if (!row || row.deletedAt || (row.projectId !== auth.projectId && !isAdmin(ctx))) throw serverNotFound(id);
  authorize(auth, 'compute:servers:show', { project_id: row.projectId, user_id: row.userId });
  const [view] = await views(ctx, [row], isAdmin(ctx));
  return {
    ...view!,
    description: row.description,
    metadata: (row.metadata ?? {}) as Record<string, string>,
    launchedAt: row.launchedAt,
    updatedAt: row.updatedAt,
    attempts: row.attempts,
  };
}

export interface ConsoleActionEvent {
  event: string;
  host: string | null;
  result: string | null;
  details: string | null;
  startTime: Date;
  finishTime: Date | null;
  durationMs: number | null;
}

export interface ConsoleAction {
  action: string;
  requestId: string;
  userId: string | null;
  message: string | null;
  startTime: Date;
  finishTime: Date | null;
  durationMs: number | null;
  events: ConsoleActionEvent[];
}

const ms = (a: Date, b: Date | null) => (b ? b.getTime() - a.getTime() : null);

/** The action log timeline: every action with its events in one query (policy as os-instance-actions). */
export async function consoleInstanceActions(ctx: RequestContext, id: string): Promise<ConsoleAction[]> {
  const auth = requireAuth(ctx);
  const row = await ctx.db.instance.findUnique({ where: { id }, select: { id: true, projectId: true, userId: true } });
  if (!row || (row.projectId !== auth.projectId && !isAdmin(ctx))) throw serverNotFound(id);
  authorize(auth, 'compute:instance_actions:list', { project_id: row.projectId, user_id: row.userId });
  const seeEvents = can(auth, 'compute:instance_actions:show', { project_id: row.projectId, user_id: row.userId });
  const actions = await ctx.db.instanceAction.findMany({
    where: { instanceId: id },
    orderBy: [{ startTime: 'desc' }, { id: 'desc' }],
    include: { events: { orderBy: [{ startTime: 'asc' }, { id: 'asc' }] } },
    take: 100,
  });
  return actions.map((a) => ({
    action: a.action,
    requestId: a.requestId,
    userId: a.userId,
    message: a.message,
    startTime: a.startTime,
    finishTime: a.finishTime,
    durationMs: ms(a.startTime, a.finishTime),
    events: seeEvents
      ? a.events.map((e) => ({ event: e.event, host: e.host, result: e.result, details: e.details, startTime: e.startTime, finishTime: e.finishTime, durationMs: ms(e.startTime, e.finishTime) }))
      : [],
  }));
}
