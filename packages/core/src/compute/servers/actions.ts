import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { BadRequest, Conflict, newId, ServiceUnavailable } from '@nimbus/shared';
import { ACTION_RULES, checkAction, PowerState, VmState, type ServerAction } from '@nimbus/shared/compute-states';
import type { InstanceActionJob } from '@nimbus/shared/queues';
import { Prisma } from '@nimbus/db';
import { requireAuth, type RequestContext } from '../../identity/context.js';
import { checkComputeQuota, lockProjectQuota } from '../../quota/quotas.js';
import { claimResize, resizeAllocation } from '../../scheduler/claims.js';
import { findServer, parseNova, zInt, zMetadata, zServerName, type InstanceWithNode } from './common.js';
import { usableFlavor } from './references.js';

type Tx = Prisma.TransactionClient;

/** Policy rule per action (compute-servers rule defaults). */
const RULES: Record<ServerAction, string> = {
  start: 'compute:servers:start',
  stop: 'compute:servers:stop',
  reboot: 'compute:servers:reboot',
  rebootHard: 'compute:servers:reboot',
  pause: 'compute:servers:pause',
  unpause: 'compute:servers:unpause',
  suspend: 'compute:servers:suspend',
  resume: 'compute:servers:resume',
  resize: 'compute:servers:resize',
  confirmResize: 'compute:servers:confirm_resize',
  revertResize: 'compute:servers:revert_resize',
  createImage: 'compute:servers:create_image',
  getConsoleOutput: 'compute:servers:console_output',
  delete: 'compute:servers:delete',
};

function refuse(action: ServerAction, server: Pick<InstanceWithNode, 'id' | 'vmState' | 'taskState'>): void {
  const check = checkAction(action, server);
  if (!check.ok) throw new Conflict(check.reason);
}

function notReady(id: string): Conflict {
  return new Conflict(`Instance ${id} is not ready`);
}

interface TransitionOptions {
  /** Runs first inside the transaction (quota lock and check, rows the step needs). */
  before?: (tx: Tx) => Promise<void>;
  /** Extra columns set together with the task state. */
  data?: Prisma.InstanceUpdateManyMutationInput;
  /** Job fields beyond the defaults (targetImageId, the resize flavor). */
  job?: Partial<InstanceActionJob>;
  /** Columns put back with the task state when the step could not be enqueued. */
  revert?: Prisma.InstanceUpdateManyMutationInput;
  /** Undoes `before`'s rows when the step could not be enqueued. */
  undo?: () => Promise<void>;
}

/**
 * One user action on a placed server: allow-list check (409 with Nova's reason), then in one
 * transaction compare-and-set the task state from the state just read — a concurrent action
 * that got there first leaves 0 rows and this one answers 409 — and record the instance action;
 * after commit the step goes to the server's node. If the queue refuses it, the task state is
 * put back (Nova's reverts_task_state) and the caller gets 503.
 */
async function transition(ctx: RequestContext, server: InstanceWithNode, action: ServerAction, opts: TransitionOptions = {}): Promise<void> {
  const auth = requireAuth(ctx);
  const rule = ACTION_RULES[action];
  refuse(action, server);
  if (!server.node) throw notReady(server.id);
  const setsTask = rule.setsTask;
  const step = rule.step;
  if (!setsTask || !step) throw new Error(`action ${action} has no task state or step`);

  const actionId = newId();
  await ctx.db.$transaction(
    async (tx) => {
      await opts.before?.(tx);
      const moved = await tx.instance.updateMany({
        where: { id: server.id, vmState: server.vmState, taskState: server.taskState, deletedAt: null },
        data: { taskState: setsTask, ...opts.data },
      });
      if (moved.count === 0) await conflictFromFresh(tx, action, server.id);
      await tx.instanceAction.create({
        data: { id: actionId, instanceId: server.id, action: rule.record ?? action, requestId: ctx.requestId, userId: auth.userId, projectId: auth.projectId ?? null },
      });
    },
    { maxWait: 30_000, timeout: 30_000 },
  );

  try {
    await ctx.jobs.instanceAction(server.node.name, jobFor(ctx, server, step, opts.job));
  } catch (err) {
    ctx.log.error({ err, instanceId: server.id, action }, 'instance action enqueue failed');
    await ctx.db.instance.updateMany({ where: { id: server.id, taskState: setsTask }, data: { taskState: server.taskState, ...opts.revert } });
    await ctx.db.instanceAction.update({ where: { id: actionId }, data: { finishTime: new Date(), message: 'Error' } });
    await opts.undo?.();
    throw new ServiceUnavailable(`Compute node ${server.node.name} could not be reached; nothing was changed.`, { cause: err });
  }
}

/** The compare-and-set lost: explain with the state that won, in Nova's words. */
async function conflictFromFresh(tx: Tx, action: ServerAction, id: string): Promise<never> {
  const fresh = await tx.instance.findUnique({ where: { id }, select: { id: true, vmState: true, taskState: true } });
  const check = fresh ? checkAction(action, fresh) : { ok: false as const, reason: `Instance ${id} could not be found.` };
  throw new Conflict(check.ok ? `Cannot '${ACTION_RULES[action].nova}' instance ${id}: another request changed its state first` : check.reason);
}

function jobFor(ctx: RequestContext, server: InstanceWithNode, step: InstanceActionJob['step'], extra: Partial<InstanceActionJob> = {}): InstanceActionJob {
  return {
    instanceId: server.id,
    step,
    requestId: ctx.requestId,
    attempt: Math.max(1, server.attempts),
    flavor: { vcpus: server.vcpus, memoryMb: server.memoryMb, rootGb: server.rootGb },
    ...(server.imageId ? { imageId: server.imageId } : {}),
    name: server.name,
    ...extra,
  };
}

/** Start, stop, pause, unpause, suspend, resume, confirm/revert resize: no arguments beyond the action. */
export type SimpleAction = 'start' | 'stop' | 'pause' | 'unpause' | 'suspend' | 'resume' | 'confirmResize' | 'revertResize';

export async function simpleServerAction(ctx: RequestContext, id: string, action: SimpleAction): Promise<void> {
  const server = await findServer(ctx, id, RULES[action]);
  // Revert goes back to the sizes the server had before the resize (kept in `oldFlavor`).
  const old = action === 'revertResize' ? (server.oldFlavor as { vcpus: number; memoryMb: number; rootGb: number } | null) : null;
  await transition(ctx, server, action, old ? { job: { flavor: { vcpus: old.vcpus, memoryMb: old.memoryMb, rootGb: old.rootGb } } } : {});
}

export const ZRebootInput = z.looseObject({
  type: z.enum(['SOFT', 'Soft', 'soft', 'HARD', 'Hard', 'hard'], { message: "must be one of 'SOFT', 'HARD'" }),
});

export async function rebootServer(ctx: RequestContext, id: string, rawInput: unknown): Promise<void> {
  const input = parseNova(z.object({ reboot: ZRebootInput }), { reboot: rawInput }).reboot;
  const server = await findServer(ctx, id, RULES.reboot);
  await transition(ctx, server, input.type.toUpperCase() === 'HARD' ? 'rebootHard' : 'reboot');
}

export const ZResizeInput = z.looseObject({
  flavorRef: z.union([z.string().min(1, 'must not be empty'), z.number().transform(String)]),
});

/** The scheduler found no room for a resize (raised inside the transaction, so it rolls back). */
class NoRoomForResize extends Error {}

/**
 * Resize: the target flavor is kept in `newFlavor` until the node has resized (the conductor
 * then swaps the flavor columns, keeping the old one for confirm/revert). In one transaction:
 * quota for the growth under the project's quota lock (usage counts the larger of the two
 * flavors), the growth claimed on the server's own node (claimResize: same-host only, as disks
 * are local), the task state. When the node has no room, Nova's answer: still 202, the action
 * fails with "No valid host was found. ..." in its event and the server's fault, and the server
 * stays as it was (ACTIVE or SHUTOFF, no task).
 */
export async function resizeServer(ctx: RequestContext, id: string, rawInput: unknown): Promise<void> {
  const auth = requireAuth(ctx);
  const input = parseNova(z.object({ resize: ZResizeInput }), { resize: rawInput }).resize;
  const server = await findServer(ctx, id, RULES.resize);
  refuse('resize', server);
  const target = await usableFlavor(ctx, auth, input.flavorRef, 'resize.flavorRef');
  if (target.id === server.flavorId) throw new BadRequest('When resizing, instances must change flavor!', { field: 'resize.flavorRef' });
  if (target.diskGb < server.rootGb) throw new BadRequest('Resizing to a smaller disk flavor is not allowed.', { field: 'resize.flavorRef' });
  const newFlavor = { id: target.id, name: target.name, vcpus: target.vcpus, memoryMb: target.ramMb, rootGb: target.diskGb };
  const current = { vcpus: server.vcpus, memoryMb: server.memoryMb, diskGb: server.rootGb };
  const hold = { vcpus: Math.max(target.vcpus, server.vcpus), memoryMb: Math.max(target.ramMb, server.memoryMb), diskGb: Math.max(target.diskGb, server.rootGb) };
  try {
    await transition(ctx, server, 'resize', {
      before: async (tx) => {
        await lockProjectQuota(tx, server.projectId);
        await checkComputeQuota(tx, server.projectId, { cores: target.vcpus - server.vcpus, ram: target.ramMb - server.memoryMb });
        const claim = await claimResize(tx, server.id, server.nodeId ?? '', hold);
        if (!claim.ok) throw new NoRoomForResize(claim.message);
      },
      data: { newFlavor },
      revert: { newFlavor: Prisma.DbNull },
      job: { flavor: { vcpus: target.vcpus, memoryMb: target.ramMb, rootGb: target.diskGb } },
      undo: () => ctx.db.$transaction((tx) => resizeAllocation(tx, server.id, current)),
    });
  } catch (err) {
    if (!(err instanceof NoRoomForResize)) throw err;
    await recordResizeFailure(ctx, server, err.message);
  }
}

/** Nova's conductor on NoValidHost for a resize: an instance fault and a failed `conductor_migrate_server` event. */
async function recordResizeFailure(ctx: RequestContext, server: InstanceWithNode, message: string): Promise<void> {
  const auth = requireAuth(ctx);
  const now = new Date();
  await ctx.db.$transaction(async (tx) => {
    await tx.instance.updateMany({
      where: { id: server.id, vmState: server.vmState, taskState: server.taskState, deletedAt: null },
      data: { fault: { code: 500, message, details: '', created: now.toISOString() } },
    });
    await tx.instanceAction.create({
      data: {
        id: newId(),
        instanceId: server.id,
        action: ACTION_RULES.resize.record ?? 'resize',
        requestId: ctx.requestId,
        userId: auth.userId,
        projectId: auth.projectId ?? null,
        message: 'Error',
        startTime: now,
        finishTime: now,
        events: { create: { id: newId(), event: 'conductor_migrate_server', result: 'Error', details: message, startTime: now, finishTime: now } },
      },
    });
  });
  ctx.log.warn({ instanceId: server.id, message }, 'resize found no room on its host');
}

export const ZCreateImageInput = z.looseObject({
  name: zServerName,
  metadata: zMetadata.optional(),
});

/**
 * Snapshot: a queued, private image owned by the server's project is created with the action;
 * the node uploads into it (`targetImageId`). Returns the new image's id.
 */
export async function createServerImage(ctx: RequestContext, id: string, rawInput: unknown): Promise<string> {
  const auth = requireAuth(ctx);
  const input = parseNova(z.object({ createImage: ZCreateImageInput }), { createImage: rawInput }).createImage;
  const server = await findServer(ctx, id, RULES.createImage);
  refuse('createImage', server);
  const base = server.imageId ? await ctx.db.image.findUnique({ where: { id: server.imageId } }) : null;
  // Glance ids are dashed UUIDs.
  const imageId = randomUUID();
  await transition(ctx, server, 'createImage', {
    before: async (tx) => {
      await tx.image.create({
        data: {
          id: imageId,
          name: input.name,
          ownerProjectId: server.projectId,
          status: 'queued',
          visibility: 'private',
          // Real drivers flatten the root disk into qcow2 whatever the base image was.
          diskFormat: 'qcow2',
          containerFormat: base?.containerFormat ?? 'bare',
          minDisk: Math.max(server.rootGb, base?.minDisk ?? 0),
          minRam: base?.minRam ?? 0,
          properties: {
            ...(input.metadata ?? {}),
            image_type: 'snapshot',
            instance_uuid: server.id,
            user_id: auth.userId,
            ...(server.imageId ? { base_image_ref: server.imageId } : {}),
          },
        },
      });
    },
    job: { targetImageId: imageId },
    undo: async () => {
      await ctx.db.image.deleteMany({ where: { id: imageId, status: 'queued' } });
    },
  });
  return imageId;
}

export const ZConsoleOutputInput = z.looseObject({ length: zInt(-1).nullish() });

/** `os-getConsoleOutput`: asks the server's node and waits for the answer (503 when it does not come). */
export async function getConsoleOutput(ctx: RequestContext, id: string, rawInput: unknown): Promise<string> {
  const input = parseNova(z.object({ 'os-getConsoleOutput': ZConsoleOutputInput }), { 'os-getConsoleOutput': rawInput ?? {} })['os-getConsoleOutput'];
  const server = await findServer(ctx, id, RULES.getConsoleOutput);
  refuse('getConsoleOutput', server);
  if (!server.node) throw notReady(server.id);
  if (server.node.state === 'down') throw new ServiceUnavailable(`Compute node ${server.node.name} is down.`);
  const length = input.length && input.length > 0 ? input.length : undefined;
  const result = await ctx.jobs.consoleOutput(server.node.name, { instanceId: server.id, requestId: ctx.requestId, ...(length ? { length } : {}) });
  return result.output;
}

/**
 * Delete. A server never placed (or whose node is down, as Nova's local delete) is finished
 * here at once: the row turns `deleted`, its allocation goes, and since usage is derived from
 * live rows the quota is free again. A placed server gets `deleting` and its node a `destroy`;
 * the conductor finishes it.
 */
export async function deleteServer(ctx: RequestContext, id: string): Promise<void> {
  const auth = requireAuth(ctx);
  const server = await findServer(ctx, id, RULES.delete);
  refuse('delete', server);
  if (server.node && server.node.state !== 'down') {
    await transition(ctx, server, 'delete');
    return;
  }
  const now = new Date();
  await ctx.db.$transaction(async (tx) => {
    const done = await tx.instance.updateMany({
      where: { id: server.id, vmState: server.vmState, taskState: server.taskState, nodeId: server.nodeId, deletedAt: null },
      data: { vmState: VmState.Deleted, taskState: null, powerState: PowerState.NoState, deletedAt: now, terminatedAt: now },
    });
    if (done.count === 0) await conflictFromFresh(tx, 'delete', server.id);
    await tx.allocation.deleteMany({ where: { instanceId: server.id } });
    await tx.instanceAction.create({
      data: { id: newId(), instanceId: server.id, action: 'delete', requestId: ctx.requestId, userId: auth.userId, projectId: auth.projectId ?? null, finishTime: now },
    });
  });
  if (server.node) {
    // The node is down: if it comes back, the destroy removes what it may still run.
    await ctx.jobs.instanceAction(server.node.name, jobFor(ctx, server, 'destroy')).catch((err: unknown) => ctx.log.warn({ err, instanceId: server.id }, 'destroy for a down node not enqueued'));
  }
}
