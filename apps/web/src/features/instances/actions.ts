import { checkAction, type ServerAction } from '@nimbus/shared/compute-states';

/** The per-row actions the console offers, in menu order, with the policy key that gates each. */
export const ROW_ACTIONS = [
  { action: 'start', label: 'Start instance', can: 'start' },
  { action: 'stop', label: 'Stop instance', can: 'stop' },
  { action: 'reboot', label: 'Soft reboot instance', can: 'reboot' },
  { action: 'rebootHard', label: 'Hard reboot instance', can: 'reboot' },
  { action: 'pause', label: 'Pause instance', can: 'pause' },
  { action: 'unpause', label: 'Unpause instance', can: 'unpause' },
  { action: 'suspend', label: 'Suspend instance', can: 'suspend' },
  { action: 'resume', label: 'Resume instance', can: 'resume' },
] as const satisfies readonly { action: ServerAction; label: string; can: string }[];

export type ConsoleServerAction = (typeof ROW_ACTIONS)[number]['action'] | 'delete';

/** Why an action is not possible now (state), in the console's words; undefined when it is. */
export function stateReason(action: ServerAction, row: { id: string; vmState: string; taskState: string | null; status: string }): string | undefined {
  const check = checkAction(action, { id: row.id, vmState: row.vmState, taskState: row.taskState });
  if (check.ok) return undefined;
  return check.attr === 'task_state'
    ? `Not while the instance is busy (${row.taskState ?? 'none'}).`
    : `Not while the instance is ${row.status.toLowerCase().replace(/_/g, ' ')}.`;
}

export const NO_PERMISSION = 'Your role on this project does not allow this action.';
