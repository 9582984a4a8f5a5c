import { randomUUID } from 'node:crypto';
import type { Prisma, PrismaClient } from '@nimbus/db';
import type { InstanceStep } from '@nimbus/shared/queues';

type Db = PrismaClient | Prisma.TransactionClient;

/** Nova's event names per step (os-instance-actions), so the console timeline reads as Nova's. */
export const STEP_EVENTS: Record<InstanceStep, string> = {
  spawn: 'compute__do_build_and_run_instance',
  destroy: 'compute_terminate_instance',
  'power-on': 'compute_start_instance',
  'power-off': 'compute_stop_instance',
  'reboot-soft': 'compute_reboot_instance',
  'reboot-hard': 'compute_reboot_instance',
  pause: 'compute_pause_instance',
  unpause: 'compute_unpause_instance',
  suspend: 'compute_suspend_instance',
  resume: 'compute_resume_instance',
  snapshot: 'compute_snapshot_instance',
  resize: 'compute_resize_instance',
  'confirm-resize': 'compute_confirm_resize',
  'revert-resize': 'compute_revert_resize',
};
export const SCHEDULE_EVENT = 'conductor_schedule_and_build_instances';

/** The action a step belongs to when the API did not record one (Nova's instance_actions names). */
const STEP_ACTIONS: Record<InstanceStep, string> = {
  spawn: 'create',
  destroy: 'delete',
  'power-on': 'start',
  'power-off': 'stop',
  'reboot-soft': 'reboot',
  'reboot-hard': 'reboot',
  pause: 'pause',
  unpause: 'unpause',
  suspend: 'suspend',
  resume: 'resume',
  snapshot: 'createImage',
  resize: 'resize',
  'confirm-resize': 'confirmResize',
  'revert-resize': 'revertResize',
};

/** The instance action of a request: the one the API recorded, else a new one. */
export async function actionFor(db: Db, instanceId: string, requestId: string, step: InstanceStep): Promise<string> {
  const found = await db.instanceAction.findFirst({ where: { instanceId, requestId }, orderBy: { startTime: 'desc' }, select: { id: true } });
  if (found) return found.id;
  const id = randomUUID();
  await db.instanceAction.create({ data: { id, instanceId, requestId, action: STEP_ACTIONS[step] } });
  return id;
}

/**
 * Finishes the open event of that name and host, or records a complete one when none is open.
 * `result` is Nova's `Success` / `Error`.
 */
export async function finishEvent(
  db: Db,
  e: { actionId: string; event: string; host: string | null; result: 'Success' | 'Error'; details?: string; startTime?: Date; finishTime?: Date },
): Promise<void> {
  const finishTime = e.finishTime ?? new Date();
  const open = await db.instanceActionEvent.findFirst({
    where: { actionId: e.actionId, event: e.event, host: e.host, finishTime: null },
    orderBy: { startTime: 'desc' },
    select: { id: true },
  });
  if (open) {
    await db.instanceActionEvent.update({ where: { id: open.id }, data: { finishTime, result: e.result, details: e.details } });
  } else {
    await db.instanceActionEvent.create({
      data: { id: randomUUID(), actionId: e.actionId, event: e.event, host: e.host, result: e.result, details: e.details, startTime: e.startTime ?? finishTime, finishTime },
    });
  }
}

/** Nova's instance fault body. */
export function fault(message: string, details?: string, code = 500) {
  return { code, message, details: details ?? '', created: new Date().toISOString() };
}
