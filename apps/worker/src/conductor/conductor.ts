import { Prisma, type PrismaClient } from '@nimbus/db';
import type { JobProducer } from '@nimbus/core/jobs/producer';
import type { Logger } from '@nimbus/core/logger';
import { ACTION_RULES, PowerState, STEP_OUTCOMES, TaskState, VmState } from '@nimbus/shared/compute-states';
import { InstanceStep, type NodeResultJob } from '@nimbus/shared/queues';
import { actionFor, fault, finishEvent, STEP_EVENTS } from '../instances/actions.js';
import { releaseAllocation, resizeAllocation } from '@nimbus/core/scheduler/claims';

/** Request ids of destroys the worker sends to remove a guest nobody owns any more. */
export const reapRequestId = (tag: string | number) => `reap-${tag}`;
const isReap = (requestId: string) => requestId.startsWith('reap-');

export type ApplyOutcome = 'applied' | 'rescheduled' | 'error' | 'stale' | 'ignored';

/** The task state the API sets for each step (compute-states' allow-lists), which a result must find. */
const EXPECTED_TASK: Partial<Record<InstanceStep, string>> = Object.fromEntries(
  Object.values(ACTION_RULES)
    .filter((r) => r.step && r.setsTask)
    .map((r) => [r.step!, r.setsTask!]),
);
EXPECTED_TASK.spawn = TaskState.Spawning;

/**
 * The conductor (DESIGN.md §5 step 4): applies a node's result to the database with
 * compare-and-set, so a result applies once, and a late result (an old attempt, a host the
 * instance has left, a task since superseded) changes nothing. Every result is also an event in
 * the instance's action log.
 */
export class Conductor {
  constructor(
    private readonly db: PrismaClient,
    private readonly jobs: JobProducer,
    private readonly maxAttempts: number,
    private readonly log: Logger,
  ) {}

  async apply(r: NodeResultJob): Promise<ApplyOutcome> {
    const step = InstanceStep.safeParse(r.step);
    if (r.resource.type !== 'instance' || !step.success) return 'ignored';
    const log = this.log.child({ instanceId: r.resource.id, step: r.step, node: r.node, attempt: r.attempt, requestId: r.requestId });
    const inst = await this.db.instance.findUnique({ where: { id: r.resource.id }, include: { node: { select: { name: true } } } });
    if (!inst) {
      log.info('result for an instance that no longer exists');
      return 'ignored';
    }
    const onNode = inst.node?.name === r.node;
    const timing = {
      startTime: r.startedAt ? new Date(r.startedAt) : undefined,
      finishTime: r.finishedAt ? new Date(r.finishedAt) : undefined,
    };
    // The worker's own clean-up steps are not user actions: they stay out of the action log.
    const record = async () => {
      if (isReap(r.requestId)) return null;
      const actionId = await actionFor(this.db, inst.id, r.requestId, step.data);
      await finishEvent(this.db, {
        actionId,
        event: STEP_EVENTS[step.data],
        host: r.node,
        result: r.outcome === 'success' ? 'Success' : 'Error',
        details: r.fault?.message,
        ...timing,
      });
      return actionId;
    };
    // The failed spawn's event must exist before a reschedule reads it (RetryFilter): it is
    // written before the state changes; other steps write both at once.
    const actionId = step.data === 'spawn' && r.outcome === 'failure' ? await record() : undefined;
    const [recorded, outcome] = await Promise.all([
      actionId === undefined ? record() : actionId,
      step.data === 'spawn'
        ? this.applySpawn(r, inst, onNode)
        : step.data === 'destroy'
          ? this.applyDestroy(r, inst.id, onNode)
          : this.applyStep(r, step.data, inst, onNode),
    ]);
    if (outcome === 'stale') log.info({ outcome: r.outcome }, 'stale result ignored');
    else log.info({ outcome: r.outcome, applied: outcome }, 'node result applied');
    if (recorded && outcome !== 'stale' && outcome !== 'rescheduled') {
      await this.db.instanceAction.updateMany({ where: { id: recorded, finishTime: null }, data: { finishTime: new Date() } });
    }
    return outcome;
  }

  private async applySpawn(
    r: NodeResultJob,
    inst: { id: string; nodeId: string | null; attempts: number; vmState: string; taskState: string | null; deletedAt: Date | null },
    onNode: boolean,
  ): Promise<ApplyOutcome> {
    const attempt = r.attempt ?? 1;
    const current = { id: inst.id, nodeId: inst.nodeId, taskState: TaskState.Spawning, attempts: attempt, deletedAt: null };
    const isCurrent = onNode && inst.attempts === attempt && inst.taskState === TaskState.Spawning && !inst.deletedAt;

    if (!isCurrent) {
      // A guest that came up where the instance no longer lives (rescheduled, timed out, deleted)
      // holds real resources without a claim: remove it from that node.
      const alreadyApplied = onNode && inst.attempts === attempt && inst.taskState === null && inst.vmState !== VmState.Error && !inst.deletedAt;
      if (r.outcome === 'success' && !alreadyApplied) {
        await this.jobs.instanceAction(r.node, { instanceId: inst.id, step: 'destroy', requestId: reapRequestId(attempt), attempt });
      }
      // The failure was applied but the reschedule not sent (worker died between the two): send it.
      if (r.outcome === 'failure' && inst.attempts === attempt && inst.taskState === TaskState.Scheduling && !inst.deletedAt) {
        await this.jobs.schedule({ instanceId: inst.id, attempt: attempt + 1, requestId: r.requestId });
        return 'rescheduled';
      }
      return 'stale';
    }

    if (r.outcome === 'success') {
      const done = await this.db.instance.updateMany({
        where: current,
        data: {
          vmState: VmState.Active,
          taskState: null,
          powerState: r.powerState ?? PowerState.Running,
          launchedAt: new Date(),
          progress: 100,
        },
      });
      return done.count === 1 ? 'applied' : 'stale';
    }

    const retry = attempt < this.maxAttempts;
    const message = r.fault?.message ?? 'spawn failed';
    const changed = await this.db.$transaction(async (tx) => {
      const u = await tx.instance.updateMany({
        where: current,
        data: retry
          ? { taskState: TaskState.Scheduling, nodeId: null }
          : {
              vmState: VmState.Error,
              taskState: null,
              fault: fault(
                this.maxAttempts > 1
                  ? `Exceeded maximum number of retries. Exhausted all hosts available for retrying build failures for instance ${inst.id}.`
                  : message,
                `${r.node}: ${message}`,
              ),
            },
      });
      if (u.count === 1) await releaseAllocation(tx, inst.id);
      return u.count === 1;
    });
    if (!changed) return 'stale';
    if (!retry) return 'error';
    await this.jobs.schedule({ instanceId: inst.id, attempt: attempt + 1, requestId: r.requestId });
    return 'rescheduled';
  }

  private async applyDestroy(r: NodeResultJob, instanceId: string, onNode: boolean): Promise<ApplyOutcome> {
    if (!onNode) return 'stale';
    if (r.outcome === 'failure') {
      // Stays `deleting` (compute-states); the stuck-task cleanup settles it if nobody retries.
      await this.db.instance.updateMany({ where: { id: instanceId, taskState: TaskState.Deleting }, data: { fault: fault(r.fault?.message ?? 'delete failed') } });
      return 'applied';
    }
    const now = new Date();
    return this.db.$transaction(async (tx) => {
      const u = await tx.instance.updateMany({
        where: { id: instanceId, taskState: TaskState.Deleting, deletedAt: null },
        data: { vmState: VmState.Deleted, taskState: null, powerState: PowerState.NoState, deletedAt: now, terminatedAt: now },
      });
      if (u.count === 0) return 'stale';
      await releaseAllocation(tx, instanceId);
      return 'applied';
    });
  }

  private async applyStep(
    r: NodeResultJob,
    step: InstanceStep,
    inst: { id: string; vmState: string; taskState: string | null; powerState: number; deletedAt: Date | null },
    onNode: boolean,
  ): Promise<ApplyOutcome> {
    const expected = EXPECTED_TASK[step];
    if (!onNode || inst.deletedAt || !expected || inst.taskState !== expected) return 'stale';
    const where = { id: inst.id, taskState: expected, deletedAt: null };
    if (r.outcome === 'failure') {
      if (step === 'snapshot') await this.settleSnapshotImage(r, 'killed');
      // Nova's reverts_task_state: the task goes back to idle, the vm state stays, the fault is kept.
      const data = { taskState: null, fault: fault(r.fault?.message ?? `${step} failed`) };
      if (step !== 'resize') {
        const u = await this.db.instance.updateMany({ where, data });
        return u.count === 1 ? 'applied' : 'stale';
      }
      // The resize claimed the larger flavor at the API: a failed one gives the growth back.
      return this.db.$transaction(async (tx) => {
        const u = await tx.instance.updateMany({ where, data: { ...data, newFlavor: Prisma.DbNull } });
        if (u.count === 0) return 'stale' as const;
        const row = await tx.instance.findUniqueOrThrow({ where: { id: inst.id } });
        await resizeAllocation(tx, inst.id, { vcpus: row.vcpus, memoryMb: row.memoryMb, diskGb: row.rootGb });
        return 'applied' as const;
      });
    }
    if (step === 'resize' || step === 'confirm-resize' || step === 'revert-resize' || step === 'snapshot') {
      return this.applyWithSideEffects(r, step, inst, where);
    }
    const rule = STEP_OUTCOMES[step];
    const powerState = r.powerState ?? (rule.powerState === 'keep' ? inst.powerState : rule.powerState);
    const vmState =
      rule.vmState === 'keep' ? inst.vmState : rule.vmState === 'by-power' ? (powerState === PowerState.Shutdown ? VmState.Stopped : VmState.Active) : rule.vmState;
    const u = await this.db.instance.updateMany({ where, data: { vmState, powerState, taskState: null } });
    return u.count === 1 ? 'applied' : 'stale';
  }

  /**
   * Steps that change more than states. Resize swaps the flavor columns (the old flavor kept for
   * confirm/revert); the allocation holds the larger of both while the resize awaits confirmation
   * (claimed by the API, set again here so it is right whoever sent the step), as the quota does;
   * confirm keeps the new sizes, revert restores the old ones.
   * Snapshot: the image becomes active if the driver's upload did not already settle it.
   */
  private async applyWithSideEffects(
    r: NodeResultJob,
    step: 'resize' | 'confirm-resize' | 'revert-resize' | 'snapshot',
    inst: { id: string; vmState: string; powerState: number },
    where: { id: string; taskState: string; deletedAt: null },
  ): Promise<ApplyOutcome> {
    const powerState = r.powerState ?? inst.powerState;
    const settledVm = powerState === PowerState.Shutdown ? VmState.Stopped : VmState.Active;
    if (step === 'snapshot') {
      const u = await this.db.instance.updateMany({ where, data: { taskState: null } });
      if (u.count === 1) await this.settleSnapshotImage(r, 'active');
      return u.count === 1 ? 'applied' : 'stale';
    }
    return this.db.$transaction(async (tx) => {
      const row = await tx.instance.findUnique({ where: { id: inst.id } });
      if (!row || row.taskState !== where.taskState) return 'stale' as const;
      const current: Flavor = { id: row.flavorId, vcpus: row.vcpus, memoryMb: row.memoryMb, rootGb: row.rootGb };
      let data: Prisma.InstanceUpdateManyMutationInput;
      let hold: Flavor;
      if (step === 'resize') {
        const target = row.newFlavor as Flavor | null;
        if (!target) return 'stale' as const;
        data = { vmState: VmState.Resized, flavorId: target.id, vcpus: target.vcpus, memoryMb: target.memoryMb, rootGb: target.rootGb, oldFlavor: current, newFlavor: Prisma.DbNull };
        hold = { id: target.id, vcpus: Math.max(target.vcpus, current.vcpus), memoryMb: Math.max(target.memoryMb, current.memoryMb), rootGb: Math.max(target.rootGb, current.rootGb) };
      } else if (step === 'confirm-resize') {
        data = { vmState: settledVm, oldFlavor: Prisma.DbNull };
        hold = current;
      } else {
        const old = row.oldFlavor as Flavor | null;
        if (!old) return 'stale' as const;
        data = { vmState: settledVm, flavorId: old.id, vcpus: old.vcpus, memoryMb: old.memoryMb, rootGb: old.rootGb, oldFlavor: Prisma.DbNull };
        hold = old;
      }
      const u = await tx.instance.updateMany({ where: { ...where, updatedAt: row.updatedAt }, data: { ...data, powerState, taskState: null } });
      if (u.count === 0) return 'stale' as const;
      await resizeAllocation(tx, inst.id, { vcpus: hold.vcpus, memoryMb: hold.memoryMb, diskGb: hold.rootGb });
      return 'applied' as const;
    });
  }

  /** The snapshot's image: active when the node is done (unless its upload already settled it), killed on failure. */
  private async settleSnapshotImage(r: NodeResultJob, status: 'active' | 'killed'): Promise<void> {
    const image = await this.db.image.findFirst({
      where: { status: { in: ['queued', 'saving'] }, properties: { path: ['instance_uuid'], equals: r.resource.id } },
      orderBy: { createdAt: 'desc' },
      select: { id: true },
    });
    if (image) await this.db.image.updateMany({ where: { id: image.id, status: { in: ['queued', 'saving'] } }, data: { status } });
  }
}

type Flavor = {
  id: string;
  vcpus: number;
  memoryMb: number;
  rootGb: number;
};
