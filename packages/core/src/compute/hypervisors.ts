import { BadRequest, NotFound, NotImplemented } from '@nimbus/shared';
import type { ComputeNode } from '@nimbus/db';
import type { RequestContext } from '../identity/context.js';
import { authorize, pageInMemory, type Page } from './flavors-common.js';

/** A compute node with what it holds: usage is the sum of its allocations (the Placement view). */
export interface Hypervisor {
  node: ComputeNode;
  vcpusUsed: number;
  memoryMbUsed: number;
  localGbUsed: number;
  runningVms: number;
  /** Instances on the node (only when asked for: `with_servers`). */
  servers?: { id: string; name: string }[];
}

export interface ListHypervisorsInput {
  /** Substring of the hypervisor hostname (Nova's `hypervisor_hostname_pattern`). */
  hostnamePattern?: string | undefined;
  withServers?: boolean | undefined;
  limit?: number | undefined;
  marker?: string | undefined;
}

export interface HypervisorStatistics {
  count: number;
  vcpus: number;
  memoryMb: number;
  localGb: number;
  vcpusUsed: number;
  memoryMbUsed: number;
  localGbUsed: number;
  runningVms: number;
}

function target(ctx: RequestContext) {
  return { project_id: ctx.auth?.projectId ?? null };
}

async function withUsage(ctx: RequestContext, nodes: ComputeNode[], withServers: boolean): Promise<Hypervisor[]> {
  if (nodes.length === 0) return [];
  const ids = nodes.map((n) => n.id);
  const [usage, running, servers] = await Promise.all([
    ctx.db.allocation.groupBy({ by: ['nodeId'], where: { nodeId: { in: ids } }, _sum: { vcpus: true, memoryMb: true, diskGb: true } }),
    ctx.db.instance.groupBy({ by: ['nodeId'], where: { nodeId: { in: ids }, deletedAt: null }, _count: { _all: true } }),
    withServers
      ? ctx.db.instance.findMany({ where: { nodeId: { in: ids }, deletedAt: null }, select: { id: true, name: true, nodeId: true }, orderBy: { createdAt: 'asc' } })
      : Promise.resolve([]),
  ]);
  return nodes.map((node) => {
    const u = usage.find((x) => x.nodeId === node.id)?._sum;
    const h: Hypervisor = {
      node,
      vcpusUsed: u?.vcpus ?? 0,
      memoryMbUsed: u?.memoryMb ?? 0,
      localGbUsed: u?.diskGb ?? 0,
      runningVms: running.find((x) => x.nodeId === node.id)?._count._all ?? 0,
    };
    if (withServers) h.servers = servers.filter((s) => s.nodeId === node.id).map(({ id, name }) => ({ id, name }));
    return h;
  });
}


export async function listHypervisors(ctx: RequestContext, input: ListHypervisorsInput = {}, detail = false): Promise<Page<Hypervisor>> {
  authorize(ctx.auth, detail ? 'compute:os-hypervisors:list-detail' : 'compute:os-hypervisors:list', target(ctx));
  const nodes = await ctx.db.computeNode.findMany({
    where: { ...(input.hostnamePattern ? { name: { contains: input.hostnamePattern } } : {}) },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  if (input.marker !== undefined && !nodes.some((n) => n.id === input.marker)) throw new BadRequest(`marker [${input.marker}] not found`, { field: 'marker' });
  const page = pageInMemory(nodes, (n) => n.id, input);
  return { items: await withUsage(ctx, page.items, input.withServers ?? false), nextMarker: page.nextMarker };
}

export async function getHypervisor(ctx: RequestContext, id: string, withServers = false): Promise<Hypervisor> {
  authorize(ctx.auth, 'compute:os-hypervisors:show', target(ctx));
  const node = await ctx.db.computeNode.findFirst({ where: { id } });
  if (!node) throw new NotFound(`Hypervisor with ID ${id} could not be found.`);
  const [h] = await withUsage(ctx, [node], withServers);
  return h as Hypervisor;
}

/** `os-hypervisors/{pattern}/search` and `/{pattern}/servers`: 404 when nothing matches, as in Nova. */
export async function searchHypervisors(ctx: RequestContext, pattern: string, withServers: boolean): Promise<Hypervisor[]> {
  authorize(ctx.auth, withServers ? 'compute:os-hypervisors:servers' : 'compute:os-hypervisors:search', target(ctx));
  const nodes = await ctx.db.computeNode.findMany({ where: { name: { contains: pattern } }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  if (nodes.length === 0) throw new NotFound(`No hypervisor matching '${pattern}' could be found.`);
  return withUsage(ctx, nodes, withServers);
}

export async function hypervisorStatistics(ctx: RequestContext): Promise<HypervisorStatistics> {
  authorize(ctx.auth, 'compute:os-hypervisors:statistics', target(ctx));
  const nodes = await ctx.db.computeNode.findMany();
  const all = await withUsage(ctx, nodes, false);
  const sum = (f: (h: Hypervisor) => number) => all.reduce((n, h) => n + f(h), 0);
  return {
    count: all.length,
    vcpus: sum((h) => h.node.vcpus),
    memoryMb: sum((h) => h.node.memoryMb),
    localGb: sum((h) => h.node.localGb),
    vcpusUsed: sum((h) => h.vcpusUsed),
    memoryMbUsed: sum((h) => h.memoryMbUsed),
    localGbUsed: sum((h) => h.localGbUsed),
    runningVms: sum((h) => h.runningVms),
  };
}

/** Host aggregates are not modelled yet: the list is truthfully empty (the CLI's `hypervisor show` asks for it). */
export async function listAggregates(ctx: RequestContext): Promise<never[]> {
  authorize(ctx.auth, 'compute:os-aggregates:list', target(ctx));
  return [];
}

/** Nodes do not report their uptime; Nova answers 501 for drivers that cannot tell. */
export async function hypervisorUptime(ctx: RequestContext, id: string): Promise<never> {
  authorize(ctx.auth, 'compute:os-hypervisors:uptime', target(ctx));
  if (!(await ctx.db.computeNode.findUnique({ where: { id } }))) throw new NotFound(`Hypervisor with ID ${id} could not be found.`);
  throw new NotImplemented('Virt driver does not implement uptime function.');
}
