import { describe, expect, it } from 'vitest';
import {
  ACTION_RULES,
  allowedActions,
  checkAction,
  serverStatus,
  statesForStatus,
  STEP_OUTCOMES,
  TASK_STATES,
  VM_STATES,
} from './compute-states.js';
import { InstanceStep } from './queues.js';

const inst = (vmState: string, taskState: string | null = null) => ({ id: 'i-1', vmState, taskState });

describe('serverStatus', () => {
  it.each([
    ['building', 'scheduling', 'BUILD'],
    ['active', null, 'ACTIVE'],
    ['active', 'rebooting', 'REBOOT'],
    ['active', 'rebooting_hard', 'HARD_REBOOT'],
    ['active', 'powering-off', 'ACTIVE'],
    ['active', 'deleting', 'ACTIVE'],
    ['active', 'resize_prep', 'RESIZE'],
    ['stopped', null, 'SHUTOFF'],
    ['stopped', 'resize_migrating', 'RESIZE'],
    ['paused', null, 'PAUSED'],
    ['suspended', null, 'SUSPENDED'],
    ['resized', null, 'VERIFY_RESIZE'],
    ['resized', 'resize_reverting', 'REVERT_RESIZE'],
    ['error', null, 'ERROR'],
    ['deleted', null, 'DELETED'],
    ['bogus', null, 'UNKNOWN'],
  ])('%s/%s → %s', (vm, task, status) => {
    expect(serverStatus(vm, task)).toBe(status);
  });

  it('statesForStatus inverts serverStatus for every known pair', () => {
    for (const vm of VM_STATES) {
      for (const task of [null, ...TASK_STATES]) {
        const status = serverStatus(vm, task);
        const matches = statesForStatus(status.toLowerCase()).filter((m) => m.vmState === vm);
        const hit = matches.some(
          (m) => (!m.taskIn || (task !== null && m.taskIn.includes(task))) && (!m.taskNotIn || task === null || !m.taskNotIn.includes(task)),
        );
        expect(hit, `${vm}/${task} → ${status}`).toBe(true);
      }
    }
    expect(statesForStatus('NOPE')).toEqual([]);
  });
});

describe('checkAction', () => {
  it("refuses with Nova's message naming the vm state", () => {
    expect(checkAction('stop', inst('stopped'))).toEqual({
      ok: false,
      attr: 'vm_state',
      state: 'stopped',
      reason: "Cannot 'stop' instance i-1 while it is in vm_state stopped",
    });
  });

  it('refuses a busy instance naming the task state', () => {
    const r = checkAction('start', inst('stopped', 'powering-on'));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toBe("Cannot 'start' instance i-1 while it is in task_state powering-on");
  });

  it('allows what Nova allows', () => {
    expect(checkAction('start', inst('stopped')).ok).toBe(true);
    expect(checkAction('stop', inst('active')).ok).toBe(true);
    expect(checkAction('stop', inst('error')).ok).toBe(true);
    expect(checkAction('reboot', inst('stopped')).ok).toBe(false);
    expect(checkAction('rebootHard', inst('stopped')).ok).toBe(true);
    expect(checkAction('rebootHard', inst('active', 'rebooting')).ok).toBe(true);
    expect(checkAction('confirmResize', inst('resized')).ok).toBe(true);
    expect(checkAction('delete', inst('building', 'scheduling')).ok).toBe(true);
    expect(checkAction('delete', inst('deleted')).ok).toBe(false);
  });

  it('lists the actions open to an active idle instance', () => {
    expect(allowedActions(inst('active')).sort()).toEqual(
      ['createImage', 'delete', 'getConsoleOutput', 'pause', 'reboot', 'rebootHard', 'resize', 'stop', 'suspend'].sort(),
    );
  });

  it('every step an action sends has an outcome', () => {
    for (const rule of Object.values(ACTION_RULES)) {
      if (rule.step) expect(InstanceStep.options).toContain(rule.step);
    }
    expect(Object.keys(STEP_OUTCOMES).sort()).toEqual([...InstanceStep.options].sort());
  });
});
