import { randomUUID } from 'node:crypto';
import type { Prisma, PrismaClient } from '@nimbus/db';
import type { Logger } from '@nimbus/core/logger';
import type { JobProducer } from '@nimbus/core/jobs/producer';
import { DEFAULT_FILTERS, noValidHostMessage, selectHosts, type HostState, type RequestSpec, type WeighedHost, type WeightMultipliers } from '@nimbus/core/scheduler/index';
import { claimOnNode } from '@nimbus/core/scheduler/claims';
import { toHostState } from '@nimbus/core/scheduler/host-state';
import { TaskState, VmState } from '@nimbus/shared/compute-states';
import type { ScheduleJob } from '@nimbus/shared/queues';
import { actionFor, fault, finishEvent, SCHEDULE_EVENT, STEP_EVENTS } from '../instances/actions.js';
import { groupPlacement, lockGroupPlacement } from './group.js';

export interface SchedulerOptions {
  multipliers: WeightMultipliers;
  hostSubsetSize: number;
  downAfterMs: number;
}

export type ScheduleOutcome =
  | { status: 'placed'; node: string; alternates: string[] }
  | { status: 'no-valid-host'; message: string }
  | { status: 'skipped'; reason: string };

/** Conflicts tolerated on one host before moving to the next (each re-reads and re-checks the host). */
const CLAIM_TRIES_PER_HOST = 5;
const CLAIM_ROUNDS = 3;

class InstanceMoved extends Error {}

type Db = PrismaClient | Prisma.TransactionClient;
type Transact = (claim: (tx: Prisma.TransactionClient) => Promise<boolean>) => Promise<boolean>;

/** Where `place` put the instance (and the next best hosts), or why it could not. */
type Placement = { host: string; alternates: string[] } | { message: string };

/**
 * Scheduler (DESIGN.md §5 step 2): filters and weighs the compute nodes, claims the best one with
 * compare-and-set, moves the instance to `spawning` on it and sends `spawn` to the node.
 *
 * Idempotent: a re-delivered job for an attempt already placed only re-sends the spawn (its job id
 * is deterministic, so that is a no-op unless the first send was lost), and a job for an attempt
 * already superseded or an instance no longer scheduling does nothing.
 */
export class Scheduler {
  constructor(
    private readonly db: PrismaClient,
    private readonly jobs: JobProducer,
    private readonly options: SchedulerOptions,
    private readonly log: Logger,
  ) {}

  async schedule(job: ScheduleJob): Promise<ScheduleOutcome> {
    const { instanceId, attempt, requestId } = job;
    const log = this.log.child({ instanceId, attempt, requestId });
    const inst = await this.db.instance.findUnique({ where: { id: instanceId }, include: { node: true } });
    if (!inst || inst.deletedAt) return { status: 'skipped', reason: 'instance gone' };
    if (inst.attempts >= attempt) {
      if (inst.attempts === attempt && inst.taskState === TaskState.Spawning && inst.node) {
        await this.sendSpawn(inst, inst.node.name, attempt, requestId);
        return { status: 'placed', node: inst.node.name, alternates: [] };
      }
      return { status: 'skipped', reason: `attempt ${attempt} already handled` };
    }
    if (inst.vmState !== VmState.Building || inst.taskState !== TaskState.Scheduling) {
      return { status: 'skipped', reason: `instance is ${inst.vmState}/${inst.taskState ?? 'none'}` };
    }

    const started = new Date();
    const [actionId, spec, membership] = await Promise.all([
      actionFor(this.db, instanceId, requestId, 'spawn'),
      this.requestSpec(inst),
      this.db.serverGroupMember.findUnique({ where: { instanceId }, include: { group: true } }),
    ]);
    let outcome: Placement;
    try {
      outcome = membership
        ? await this.db.$transaction(
            async (tx) => {
              await lockGroupPlacement(tx, membership.groupId);
              return this.place(tx, (claim) => claim(tx), instanceId, attempt, { ...spec, group: await groupPlacement(tx, membership.group, instanceId) });
            },
            // Members of one group queue on its lock; give them time to take turns.
            { maxWait: 60_000, timeout: 60_000 },
          )
        : await this.place(this.db, (claim) => this.db.$transaction(claim), instanceId, attempt, spec);
    } catch (err) {
      if (err instanceof InstanceMoved) return { status: 'skipped', reason: 'instance left scheduling meanwhile' };
      throw err;
    }

    if ('host' in outcome) {
      const { host, alternates } = outcome;
      await this.db.instanceActionEvent.createMany({
        data: [
          {
            id: randomUUID(),
            actionId,
            event: SCHEDULE_EVENT,
            result: 'Success',
            details: `attempt ${attempt}: ${host}${alternates.length ? ` (alternates ${alternates.join(', ')})` : ''}`,
            startTime: started,
            finishTime: new Date(),
          },
          // Opened now, finished by the conductor with the node's result.
          { id: randomUUID(), actionId, event: STEP_EVENTS.spawn, host, startTime: new Date(Date.now() + 1) },
        ],
      });
      await this.sendSpawn(inst, host, attempt, requestId);
      log.info({ node: host, alternates }, 'instance placed');
      return { status: 'placed', node: host, alternates };
    }

    const message = outcome.message;
    const failed = await this.db.instance.updateMany({
      where: { id: instanceId, taskState: TaskState.Scheduling, attempts: { lt: attempt }, deletedAt: null },
      data: { vmState: VmState.Error, taskState: null, attempts: attempt, fault: fault(message) },
    });
    if (failed.count === 1) {
      await finishEvent(this.db, { actionId, event: SCHEDULE_EVENT, host: null, result: 'Error', details: message, startTime: started });
      log.warn({ message }, 'no valid host');
    }
    return { status: 'no-valid-host', message };
  }

  /**
   * Filters, weighs and claims, reading through `db` and claiming in `transact`: the client and a
   * transaction per claim, or the transaction holding the group's lock for both (then a claim
   * commits with it).
   */
  private async place(db: Db, transact: Transact, instanceId: string, attempt: number, spec: RequestSpec): Promise<Placement> {
    let message = '';
    // A round ends when every passing host was lost to concurrent claims; the next round sees
    // the usage they left, so it either finds room or explains why there is none.
    for (let round = 0; round < CLAIM_ROUNDS; round++) {
      const nodes = await db.computeNode.findMany({ where: { roles: { has: 'compute' } } });
      const now = Date.now();
      const selection = selectHosts(
        nodes.map((n) => toHostState(n, this.options.downAfterMs, now)),
        spec,
        this.options.multipliers,
        DEFAULT_FILTERS,
      );
      if (selection.hosts.length === 0) return { message: noValidHostMessage(nodes.length, selection.reports) };
      message = 'No valid host was found. Every host that passed the filters was taken by concurrent requests.';
      const ordered = this.subset(selection.hosts);
      for (let i = 0; i < ordered.length; i++) {
        let host: HostState | null = ordered[i]!.host;
        for (let tries = 0; host && tries < CLAIM_TRIES_PER_HOST; tries++) {
          const candidate = host;
          if (await transact((tx) => this.claim(tx, candidate, instanceId, attempt, spec))) {
            return { host: candidate.name, alternates: ordered.slice(i + 1, i + 4).map((h) => h.host.name) };
          }
          host = await this.refresh(db, host.id, spec);
        }
      }
    }
    return { message };
  }

  private async requestSpec(inst: { id: string; vcpus: number; memoryMb: number; rootGb: number; availabilityZone: string | null; imageId: string | null }): Promise<RequestSpec> {
    const [image, failed] = await Promise.all([
      inst.imageId ? this.db.image.findUnique({ where: { id: inst.imageId }, select: { properties: true } }) : null,
      // Hosts that failed an earlier attempt, from the action log (durable, nothing else to keep).
      this.db.instanceActionEvent.findMany({
        where: { action: { instanceId: inst.id }, event: STEP_EVENTS.spawn, result: 'Error', host: { not: null } },
        select: { host: true },
      }),
    ]);
    const props = image?.properties;
    return {
      instanceId: inst.id,
      vcpus: inst.vcpus,
      memoryMb: inst.memoryMb,
      rootGb: inst.rootGb,
      availabilityZone: inst.availabilityZone,
      imageProperties: props && typeof props === 'object' && !Array.isArray(props) ? (props as Record<string, unknown>) : {},
      ignoreHosts: [...new Set(failed.map((f) => f.host!))],
    };
  }

  /** Nova's host_subset_size: a random one of the best N first, to spread concurrent requests. */
  private subset(hosts: WeighedHost[]): WeighedHost[] {
    const n = Math.min(this.options.hostSubsetSize, hosts.length);
    if (n <= 1) return hosts;
    const pick = Math.floor(Math.random() * n);
    return [hosts[pick]!, ...hosts.filter((_, i) => i !== pick)];
  }

  /** The host re-read after a conflict, or null when it no longer passes the filters. */
  private async refresh(db: Db, nodeId: string, spec: RequestSpec): Promise<HostState | null> {
    const row = await db.computeNode.findUnique({ where: { id: nodeId } });
    if (!row) return null;
    const host = toHostState(row, this.options.downAfterMs);
    return selectHosts([host], spec, this.options.multipliers).hosts[0]?.host ?? null;
  }

  /** In one transaction: the node's usage (compare-and-set), the allocation and the instance's move to spawning. */
  private async claim(tx: Prisma.TransactionClient, host: HostState, instanceId: string, attempt: number, spec: RequestSpec): Promise<boolean> {
    const ok = await claimOnNode(tx, host, { instanceId, vcpus: spec.vcpus, memoryMb: spec.memoryMb, diskGb: spec.rootGb });
    if (!ok) return false;
    const moved = await tx.instance.updateMany({
      where: { id: instanceId, taskState: TaskState.Scheduling, attempts: { lt: attempt }, deletedAt: null },
      data: { nodeId: host.id, taskState: TaskState.Spawning, attempts: attempt },
    });
    if (moved.count === 0) throw new InstanceMoved();
    return true;
  }

  private async sendSpawn(
    inst: { id: string; name: string; vcpus: number; memoryMb: number; rootGb: number; imageId: string | null },
    node: string,
    attempt: number,
    requestId: string,
  ): Promise<void> {
    await this.jobs.instanceAction(node, {
      instanceId: inst.id,
      step: 'spawn',
      requestId,
      attempt,
      name: inst.name,
      flavor: { vcpus: inst.vcpus, memoryMb: inst.memoryMb, rootGb: inst.rootGb },
      imageId: inst.imageId ?? undefined,
    });
  }
}
