import type { ComputeNode } from '@nimbus/db';
import type { RequestContext } from '../identity/context.js';
import { authorize } from './flavors-common.js';

/** A zone is available while at least one enabled compute node in it is up (Nova: an enabled service). */
export interface AvailabilityZone {
  name: string;
  available: boolean;
  /** Detail only (admins): the nodes in the zone. */
  nodes?: ComputeNode[];
}

function zones(nodes: ComputeNode[], detail: boolean): AvailabilityZone[] {
  const byZone = new Map<string, ComputeNode[]>();
  for (const n of nodes) byZone.set(n.availabilityZone, [...(byZone.get(n.availabilityZone) ?? []), n]);
  return [...byZone.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, members]) => ({
      name,
      available: members.some((n) => n.enabled),
      ...(detail ? { nodes: members } : {}),
    }));
}

export async function listAvailabilityZones(ctx: RequestContext, detail = false): Promise<AvailabilityZone[]> {
  authorize(ctx.auth, detail ? 'compute:os-availability-zone:detail' : 'compute:os-availability-zone:list', { project_id: ctx.auth?.projectId ?? null });
  const nodes = await ctx.db.computeNode.findMany({ orderBy: [{ name: 'asc' }] });
  return zones(nodes, detail);
}
