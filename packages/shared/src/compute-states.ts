import type { InstanceStep } from './queues.js';

/**
 * The instance state machine shared by the API (409 when an action is not allowed), the worker
 * (what a node result moves the instance to) and the console (actions disabled with the reason).
 * Values are Nova's own strings and numbers, so they reach the wire unchanged.
 *
 * The API sets a task state with compare-and-set and enqueues the action's step; the conductor
 * applies the node's result: on success `STEP_OUTCOMES[step].success`, on failure the task state
 * goes back to null and the vm state stays (Nova's `reverts_task_state`), except where noted.
 */

/** Stable state (Nova vm_state). */
export const VmState = {
  Building: 'building',
  Active: 'active',
  Stopped: 'stopped',
  Paused: 'paused',
  Suspended: 'suspended',
  Resized: 'resized',
  Error: 'error',
  Deleted: 'deleted',
} as const;
export type VmState = (typeof VmState)[keyof typeof VmState];
export const VM_STATES: readonly VmState[] = Object.values(VmState);

/** Transient state (Nova task_state); null when idle. */
export const TaskState = {
  Scheduling: 'scheduling',
  Networking: 'networking',
  Spawning: 'spawning',
  PoweringOff: 'powering-off',
  PoweringOn: 'powering-on',
  Rebooting: 'rebooting',
  RebootingHard: 'rebooting_hard',
  Pausing: 'pausing',
  Unpausing: 'unpausing',
  Suspending: 'suspending',
  Resuming: 'resuming',
  ImageSnapshot: 'image_snapshot',
  ImageUploading: 'image_uploading',
  ResizePrep: 'resize_prep',
  ResizeMigrating: 'resize_migrating',
  ResizeFinish: 'resize_finish',
  ResizeConfirming: 'resize_confirming',
  ResizeReverting: 'resize_reverting',
  Deleting: 'deleting',
} as const;
export type TaskState = (typeof TaskState)[keyof typeof TaskState];
export const TASK_STATES: readonly TaskState[] = Object.values(TaskState);

/** Observed power state, Nova's numbers (nova/compute/power_state.py). */
export const PowerState = {
  NoState: 0,
  Running: 1,
  Paused: 3,
  Shutdown: 4,
  Crashed: 6,
  Suspended: 7,
} as const;
export type PowerState = (typeof PowerState)[keyof typeof PowerState];

/** Nova's `OS-EXT-STS:power_state` is the number; the console shows these names. */
export const POWER_STATE_NAMES: Record<number, string> = {
  0: 'NOSTATE',
  1: 'RUNNING',
  3: 'PAUSED',
  4: 'SHUTDOWN',
  6: 'CRASHED',
  7: 'SUSPENDED',
};

/** The `status` field of a server (Nova's api/openstack/common.py `_STATE_MAP`). */
export const ServerStatus = {
  Active: 'ACTIVE',
  Build: 'BUILD',
  Shutoff: 'SHUTOFF',
  Paused: 'PAUSED',
  Suspended: 'SUSPENDED',
  Reboot: 'REBOOT',
  HardReboot: 'HARD_REBOOT',
  Resize: 'RESIZE',
  VerifyResize: 'VERIFY_RESIZE',
  RevertResize: 'REVERT_RESIZE',
  Error: 'ERROR',
  Deleted: 'DELETED',
  Unknown: 'UNKNOWN',
} as const;
export type ServerStatus = (typeof ServerStatus)[keyof typeof ServerStatus];

const RESIZING: readonly string[] = [TaskState.ResizePrep, TaskState.ResizeMigrating, TaskState.ResizeFinish];

const STATE_MAP: Record<VmState, { default: ServerStatus; tasks?: Record<string, ServerStatus> }> = {
  active: {
    default: 'ACTIVE',
    tasks: {
      [TaskState.Rebooting]: 'REBOOT',
      [TaskState.RebootingHard]: 'HARD_REBOOT',
      ...Object.fromEntries(RESIZING.map((t) => [t, 'RESIZE' as const])),
    },
  },
  building: { default: 'BUILD' },
  stopped: {
    default: 'SHUTOFF',
    tasks: {
      [TaskState.RebootingHard]: 'HARD_REBOOT',
      ...Object.fromEntries(RESIZING.map((t) => [t, 'RESIZE' as const])),
    },
  },
  resized: { default: 'VERIFY_RESIZE', tasks: { [TaskState.ResizeReverting]: 'REVERT_RESIZE' } },
  paused: { default: 'PAUSED' },
  suspended: { default: 'SUSPENDED' },
  error: { default: 'ERROR' },
  deleted: { default: 'DELETED' },
};

/** Nova's server `status` from vm and task state; UNKNOWN for a vm state nimbus does not know. */
export function serverStatus(vmState: string, taskState: string | null | undefined): ServerStatus {
  const entry = STATE_MAP[vmState as VmState];
  if (!entry) return ServerStatus.Unknown;
  return (taskState && entry.tasks?.[taskState]) || entry.default;
}

/** A (vm state, task states) pair a `status` filter stands for. */
export interface StatusMatch {
  vmState: VmState;
  /** Task state must be one of these (a transient status such as REBOOT). */
  taskIn?: string[];
  /** Task state must be none of these (null counts as none): the default status of the vm state. */
  taskNotIn?: string[];
}

/**
 * The states a `status` filter stands for (Nova's `task_and_vm_state_from_status`). Unknown
 * statuses match nothing.
 */
export function statesForStatus(status: string): StatusMatch[] {
  const wanted = status.toUpperCase();
  const out: StatusMatch[] = [];
  for (const vmState of VM_STATES) {
    const entry = STATE_MAP[vmState];
    const tasks = Object.entries(entry.tasks ?? {});
    const taskIn = tasks.filter(([, s]) => s === wanted).map(([t]) => t);
    if (taskIn.length) out.push({ vmState, taskIn });
    if (entry.default === wanted) {
      const taskNotIn = tasks.map(([t]) => t);
      out.push(taskNotIn.length ? { vmState, taskNotIn } : { vmState });
    }
  }
  return out;
}

/** States that are transitional for a list that refreshes itself (console, `--wait`). */
export function isTransitional(vmState: string, taskState: string | null | undefined): boolean {
  return vmState === VmState.Building || (taskState !== null && taskState !== undefined);
}

/** Every action a user can take on a server, by the name Nova uses in its conflict messages. */
export type ServerAction =
  | 'start'
  | 'stop'
  | 'reboot'
  | 'rebootHard'
  | 'pause'
  | 'unpause'
  | 'suspend'
  | 'resume'
  | 'resize'
  | 'confirmResize'
  | 'revertResize'
  | 'createImage'
  | 'getConsoleOutput'
  | 'delete';

export interface ActionRule {
  /** Name in Nova's message "Cannot '<name>' instance ... while it is in vm_state ...". */
  nova: string;
  /** The InstanceAction.action recorded (Nova's instance_actions names). */
  record: string | null;
  vmStates: readonly VmState[];
  /** Task states accepted: `null` entries mean idle; 'any' accepts every task state. */
  taskStates: readonly (TaskState | null)[] | 'any';
  /** Task state the API sets (compare-and-set from the current one); null = none set. */
  setsTask: TaskState | null;
  /** Step sent to the instance's node; null = nothing sent (or handled specially). */
  step: InstanceStep | null;
  /** The instance must be on a node (it was scheduled). */
  needsHost: boolean;
}

const IDLE = [null] as const;
const LIVE: readonly VmState[] = ['building', 'active', 'stopped', 'paused', 'suspended', 'resized', 'error'];

/** Per-action allow-lists (Nova compute/api.py `check_instance_state`). */
export const ACTION_RULES: Record<ServerAction, ActionRule> = {
  start: { nova: 'start', record: 'start', vmStates: ['stopped'], taskStates: IDLE, setsTask: 'powering-on', step: 'power-on', needsHost: true },
  stop: { nova: 'stop', record: 'stop', vmStates: ['active', 'resized', 'error'], taskStates: IDLE, setsTask: 'powering-off', step: 'power-off', needsHost: true },
  reboot: { nova: 'reboot', record: 'reboot', vmStates: ['active'], taskStates: IDLE, setsTask: 'rebooting', step: 'reboot-soft', needsHost: true },
  rebootHard: {
    nova: 'reboot',
    record: 'reboot',
    vmStates: ['active', 'stopped', 'paused', 'suspended', 'error'],
    taskStates: [null, 'rebooting', 'rebooting_hard', 'pausing', 'unpausing', 'suspending', 'resuming'],
    setsTask: 'rebooting_hard',
    step: 'reboot-hard',
    needsHost: true,
  },
  pause: { nova: 'pause', record: 'pause', vmStates: ['active'], taskStates: IDLE, setsTask: 'pausing', step: 'pause', needsHost: true },
  unpause: { nova: 'unpause', record: 'unpause', vmStates: ['paused'], taskStates: IDLE, setsTask: 'unpausing', step: 'unpause', needsHost: true },
  suspend: { nova: 'suspend', record: 'suspend', vmStates: ['active'], taskStates: IDLE, setsTask: 'suspending', step: 'suspend', needsHost: true },
  resume: { nova: 'resume', record: 'resume', vmStates: ['suspended'], taskStates: IDLE, setsTask: 'resuming', step: 'resume', needsHost: true },
  resize: { nova: 'resize', record: 'resize', vmStates: ['active', 'stopped'], taskStates: IDLE, setsTask: 'resize_prep', step: 'resize', needsHost: true },
  confirmResize: { nova: 'confirmResize', record: 'confirmResize', vmStates: ['resized'], taskStates: IDLE, setsTask: 'resize_confirming', step: 'confirm-resize', needsHost: true },
  revertResize: { nova: 'revertResize', record: 'revertResize', vmStates: ['resized'], taskStates: IDLE, setsTask: 'resize_reverting', step: 'revert-resize', needsHost: true },
  createImage: {
    nova: 'createImage',
    record: 'createImage',
    vmStates: ['active', 'stopped', 'paused', 'suspended'],
    taskStates: IDLE,
    setsTask: 'image_snapshot',
    step: 'snapshot',
    needsHost: true,
  },
  getConsoleOutput: {
    nova: 'get_console_output',
    record: null,
    vmStates: ['active', 'stopped', 'paused', 'suspended', 'resized', 'error'],
    taskStates: 'any',
    setsTask: null,
    step: null,
    needsHost: true,
  },
  // Delete is accepted in every state; an instance never placed is finished by the API at once.
  delete: { nova: 'delete', record: 'delete', vmStates: LIVE, taskStates: 'any', setsTask: 'deleting', step: 'destroy', needsHost: false },
};

export type ActionCheck = { ok: true } | { ok: false; attr: 'vm_state' | 'task_state'; state: string; reason: string };

/** Whether `action` is allowed now; when not, Nova's reason ("... while it is in vm_state stopped"). */
export function checkAction(
  action: ServerAction,
  instance: { id: string; vmState: string; taskState: string | null },
): ActionCheck {
  const rule = ACTION_RULES[action];
  const deny = (attr: 'vm_state' | 'task_state', state: string): ActionCheck => ({
    ok: false,
    attr,
    state,
    reason: `Cannot '${rule.nova}' instance ${instance.id} while it is in ${attr} ${state}`,
  });
  if (!rule.vmStates.includes(instance.vmState as VmState)) return deny('vm_state', instance.vmState);
  if (rule.taskStates !== 'any' && !rule.taskStates.includes(instance.taskState as TaskState | null)) {
    return deny('task_state', instance.taskState ?? 'None');
  }
  return { ok: true };
}

/** The actions allowed now, for the console's action menu. */
export function allowedActions(instance: { id: string; vmState: string; taskState: string | null }): ServerAction[] {
  return (Object.keys(ACTION_RULES) as ServerAction[]).filter((a) => checkAction(a, instance).ok);
}

/**
 * What the conductor sets when a node reports a step done. `vmState: 'keep'` leaves it (reboot);
 * the task state always returns to null. On failure: task state null, vm state kept, except spawn
 * (reschedule or `error` with a fault) and destroy (stays `deleting`, retried by cleanup).
 *
 * Resize: the API stores the target in Instance.newFlavor; on `resize` success the conductor moves
 * the flavor columns to the target and keeps the previous one in Instance.oldFlavor; confirm drops
 * oldFlavor, revert restores it. The vm state after confirm/revert is `active` or `stopped`
 * per the power state.
 */
export const STEP_OUTCOMES: Record<InstanceStep, { vmState: VmState | 'keep' | 'by-power'; powerState: PowerState | 'keep' }> = {
  spawn: { vmState: 'active', powerState: PowerState.Running },
  destroy: { vmState: 'deleted', powerState: PowerState.NoState },
  'power-on': { vmState: 'active', powerState: PowerState.Running },
  'power-off': { vmState: 'stopped', powerState: PowerState.Shutdown },
  'reboot-soft': { vmState: 'active', powerState: PowerState.Running },
  'reboot-hard': { vmState: 'active', powerState: PowerState.Running },
  pause: { vmState: 'paused', powerState: PowerState.Paused },
  unpause: { vmState: 'active', powerState: PowerState.Running },
  suspend: { vmState: 'suspended', powerState: PowerState.Suspended },
  resume: { vmState: 'active', powerState: PowerState.Running },
  snapshot: { vmState: 'keep', powerState: 'keep' },
  resize: { vmState: 'resized', powerState: 'keep' },
  'confirm-resize': { vmState: 'by-power', powerState: 'keep' },
  'revert-resize': { vmState: 'by-power', powerState: 'keep' },
};
