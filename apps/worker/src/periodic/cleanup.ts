import type { PrismaClient } from '@nimbus/db';
import type { JobProducer } from '@nimbus/core/jobs/producer';
import type { Logger } from '@nimbus/core/logger';
import { PowerState, TaskState, VmState } from '@nimbus/shared/compute-states';
import { reapRequestId } from '../conductor/conductor.js';
import { fault } from '../instances/actions.js';
import { releaseAllocation, resizeAllocation } from '@nimbus/core/scheduler/claims';

/** Task states of an instance that never became usable: timing out there means ERROR. */
const FATAL_TASKS: string[] = [TaskState.Scheduling, TaskState.Networking, TaskState.Spawning];
/** Task states of a resize before the node has resized: the flavor columns are still the old ones. */
const RESIZING_TASKS: string[] = [TaskState.ResizePrep, TaskState.ResizeMigrating, TaskState.ResizeFinish];

/**
 * Orphan cleanup: allocations nobody holds any more are released, and instances stuck in a task
 * beyond the timeout (their node died, a job was lost) are settled, so nothing is stuck forever
 * and no capacity leaks: a build goes to ERROR with a fault and its claim released, a delete is
 * retried (or finished locally when its node is down), any other task is reverted.
 */
export async function cleanupOrphans(db: PrismaClient, jobs: JobProducer, taskTimeoutMs: number, log: Logger, now = Date.now()) {
  const released: string[] = [];
  const allocations = await db.allocation.findMany({
    where: { OR: [{ instance: { deletedAt: { not: null } } }, { instance: { nodeId: null } }] },
    select: { instanceId: true, nodeId: true, createdAt: true, instance: { select: { nodeId: true, deletedAt: true } } },
  });
  const misplaced = await db.$queryRaw<Array<{ instanceId: string; createdAt: Date }>>`
    SELECT a."instanceId", a."createdAt" FROM "Allocation" a JOIN "Instance" i ON i.id = a."instanceId"
    WHERE i."nodeId" IS DISTINCT FROM a."nodeId"`;
  const candidates = new Map<string, Date>([...allocations, ...misplaced].map((a) => [a.instanceId, a.createdAt]));
  for (const [instanceId, createdAt] of candidates) {
    if (await db.$transaction((tx) => releaseAllocation(tx, instanceId, createdAt))) released.push(instanceId);
  }
  if (released.length) log.warn({ instances: released }, 'orphan allocations released');

  const cutoff = new Date(now - taskTimeoutMs);
  const stuck = await db.instance.findMany({
    where: { taskState: { not: null }, updatedAt: { lt: cutoff }, deletedAt: null },
    select: { id: true, taskState: true, updatedAt: true, attempts: true, vcpus: true, memoryMb: true, rootGb: true, node: { select: { name: true, state: true } } },
  });
  for (const inst of stuck) {
    if (inst.taskState === TaskState.Deleting) {
      await retryDelete(db, jobs, inst, log);
      continue;
    }
    const fatal = FATAL_TASKS.includes(inst.taskState!);
    const message = `Timed out after ${Math.round(taskTimeoutMs / 1000)} s in task state ${inst.taskState}.`;
    const settled = await db.$transaction(async (tx) => {
      const u = await tx.instance.updateMany({
        where: { id: inst.id, taskState: inst.taskState, updatedAt: inst.updatedAt },
        data: fatal ? { vmState: VmState.Error, taskState: null, fault: fault(message) } : { taskState: null, fault: fault(message) },
      });
      if (u.count === 1 && fatal) await releaseAllocation(tx, inst.id);
      // A resize that never ran gives back the growth its API call claimed.
      if (u.count === 1 && RESIZING_TASKS.includes(inst.taskState!)) await resizeAllocation(tx, inst.id, { vcpus: inst.vcpus, memoryMb: inst.memoryMb, diskGb: inst.rootGb });
      return u.count === 1;
    });
    if (!settled) continue;
    log.warn({ instanceId: inst.id, taskState: inst.taskState, node: inst.node?.name }, fatal ? 'stuck instance put in ERROR' : 'stuck task reverted');
    // Whatever half-built guest the node may still have holds resources no claim covers now.
    if (fatal && inst.node) {
      await jobs
        .instanceAction(inst.node.name, { instanceId: inst.id, step: 'destroy', requestId: reapRequestId(`timeout-${inst.attempts}`), attempt: Math.max(1, inst.attempts) })
        .catch((err: unknown) => log.warn({ err, instanceId: inst.id }, 'could not send the clean-up destroy'));
    }
  }
  const healed = await reconcileUsage(db);
  if (healed.length) log.warn({ nodes: healed }, 'node usage reconciled with its allocations');
  return { released, settled: stuck.length, healed };
}

/**
 * A delete that has not finished (compute-states: a failed destroy stays `deleting`): on a node
 * that is up the destroy is sent again and the clock restarts; with no node, or a node that is
 * down, the delete is finished here as Nova's local delete does — the node's own destroy removes
 * the guest if it ever comes back.
 */
async function retryDelete(
  db: PrismaClient,
  jobs: JobProducer,
  inst: { id: string; updatedAt: Date; attempts: number; node: { name: string; state: string } | null },
  log: Logger,
): Promise<void> {
  const where = { id: inst.id, taskState: TaskState.Deleting, updatedAt: inst.updatedAt, deletedAt: null };
  if (inst.node && inst.node.state === 'up') {
    const touched = await db.instance.updateMany({ where, data: { updatedAt: new Date() } });
    if (touched.count === 0) return;
    await jobs.instanceAction(inst.node.name, { instanceId: inst.id, step: 'destroy', requestId: reapRequestId(`delete-${Date.now()}`), attempt: Math.max(1, inst.attempts) });
    log.warn({ instanceId: inst.id, node: inst.node.name }, 'stuck delete: destroy sent again');
    return;
  }
  const now = new Date();
  const done = await db.$transaction(async (tx) => {
    const u = await tx.instance.updateMany({
      where,
      data: { vmState: VmState.Deleted, taskState: null, powerState: PowerState.NoState, deletedAt: now, terminatedAt: now },
    });
    if (u.count === 1) await releaseAllocation(tx, inst.id);
    return u.count === 1;
  });
  if (!done) return;
  log.warn({ instanceId: inst.id, node: inst.node?.name }, 'stuck delete finished locally (node down)');
  if (inst.node) {
    await jobs
      .instanceAction(inst.node.name, { instanceId: inst.id, step: 'destroy', requestId: reapRequestId(`delete-${now.getTime()}`), attempt: Math.max(1, inst.attempts) })
      .catch((err: unknown) => log.warn({ err, instanceId: inst.id }, 'could not send the clean-up destroy'));
  }
}

/**
 * Node usage must equal the sum of its allocations. Whatever removed an allocation without giving
 * its resources back (a crash, a writer not using releaseAllocation) is healed here, like Nova's
 * update_available_resource. Each node is fixed under its row lock: claims and releases change
 * the node row in the same transaction as the allocation, so once the lock is held the sum read
 * next is exactly what the counters should say.
 */
export async function reconcileUsage(db: PrismaClient): Promise<string[]> {
  const drifted = await db.$queryRaw<Array<{ id: string; name: string }>>`
    SELECT n.id, n.name FROM "ComputeNode" n
    LEFT JOIN (SELECT "nodeId", SUM(vcpus) v, SUM("memoryMb") m, SUM("diskGb") d FROM "Allocation" GROUP BY "nodeId") a ON a."nodeId" = n.id
    WHERE n."vcpusUsed" <> COALESCE(a.v, 0) OR n."memoryMbUsed" <> COALESCE(a.m, 0) OR n."localGbUsed" <> COALESCE(a.d, 0)`;
  const healed: string[] = [];
  for (const node of drifted) {
    const fixed = await db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM "ComputeNode" WHERE id = ${node.id} FOR UPDATE`;
      const sum = await tx.allocation.aggregate({ where: { nodeId: node.id }, _sum: { vcpus: true, memoryMb: true, diskGb: true } });
      const r = await tx.computeNode.updateMany({
        where: {
          id: node.id,
          NOT: { vcpusUsed: sum._sum.vcpus ?? 0, memoryMbUsed: sum._sum.memoryMb ?? 0, localGbUsed: sum._sum.diskGb ?? 0 },
        },
        data: {
          vcpusUsed: sum._sum.vcpus ?? 0,
          memoryMbUsed: sum._sum.memoryMb ?? 0,
          localGbUsed: sum._sum.diskGb ?? 0,
          generation: { increment: 1 },
        },
      });
      return r.count === 1;
    });
    if (fixed) healed.push(node.name);
  }
  return healed;
}
