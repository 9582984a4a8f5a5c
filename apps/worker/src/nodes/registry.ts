import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '@nimbus/db';
import type { NodeHeartbeat } from '@nimbus/shared/queues';

export type RegistryOutcome = 'joined' | 'back-up' | 'left' | 'unchanged' | 'ignored' | 'not-compute';

/**
 * Compute nodes in the database, kept from their agents' heartbeats: capacity, hypervisor, zone,
 * driver and liveness (`state` up/down, `lastSeenAt`). The database is the truth the scheduler
 * and the API read. Usage columns belong to the scheduler's claims and are never written here.
 */
export class NodeRegistry {
  constructor(
    private readonly db: PrismaClient,
    private readonly downAfterMs: number,
  ) {}

  async record(beat: NodeHeartbeat, now = Date.now()): Promise<RegistryOutcome> {
    if (!beat.roles.includes('compute')) return 'not-compute';
    // As in Redis liveness: the agent's send time capped at ours, and a backlog cannot revive a node.
    const seen = new Date(Math.min(Date.parse(beat.sentAt), now));
    if (now - seen.getTime() > this.downAfterMs) return 'ignored';
    const prev = await this.db.computeNode.findUnique({ where: { name: beat.node } });
    const state = beat.kind === 'leave' ? 'down' : 'up';
    const data = {
      hypervisorType: beat.driver?.hypervisorType ?? 'unknown',
      hypervisorVersion: beat.driver?.hypervisorVersion ?? 0,
      availabilityZone: beat.availabilityZone ?? 'nova',
      roles: beat.roles,
      vcpus: beat.capacity.cpus,
      memoryMb: beat.capacity.memoryMb,
      localGb: Math.floor(beat.capacity.diskGb),
      driver: beat.driver ?? {},
      hostIp: beat.hostIp ?? null,
      state,
      lastSeenAt: seen,
    };
    if (!prev) {
      try {
        await this.db.computeNode.create({ data: { id: randomUUID(), name: beat.node, ...data } });
        return state === 'up' ? 'joined' : 'left';
      } catch (err) {
        if ((err as { code?: string }).code !== 'P2002') throw err;
        // Another worker created it a moment ago: fall through to the update.
      }
    }
    const capacityChanged =
      !prev || prev.vcpus !== data.vcpus || prev.memoryMb !== data.memoryMb || prev.localGb !== data.localGb;
    // Only a newer beat writes, so a late one cannot move liveness backwards; a capacity change
    // bumps the generation so that a claim computed on the old capacity fails its compare-and-set.
    const updated = await this.db.computeNode.updateMany({
      where: { name: beat.node, OR: [{ lastSeenAt: null }, { lastSeenAt: { lte: seen } }] },
      data: { ...data, ...(capacityChanged ? { generation: { increment: 1 } } : {}) },
    });
    if (updated.count === 0) return 'unchanged';
    if (state === 'down') return prev?.state === 'down' ? 'unchanged' : 'left';
    return prev?.state === 'down' ? 'back-up' : 'unchanged';
  }

  /** Marks down every up node silent for longer than the limit; returns the names newly down. */
  async markStale(now = Date.now()): Promise<string[]> {
    const cutoff = new Date(now - this.downAfterMs);
    const stale = await this.db.computeNode.findMany({
      where: { state: 'up', OR: [{ lastSeenAt: null }, { lastSeenAt: { lt: cutoff } }] },
      select: { id: true, name: true },
    });
    const down: string[] = [];
    for (const n of stale) {
      // Conditional per node: a heartbeat landing meanwhile keeps it up, and one worker reports it.
      const r = await this.db.computeNode.updateMany({
        where: { id: n.id, state: 'up', OR: [{ lastSeenAt: null }, { lastSeenAt: { lt: cutoff } }] },
        data: { state: 'down' },
      });
      if (r.count === 1) down.push(n.name);
    }
    return down;
  }
}
