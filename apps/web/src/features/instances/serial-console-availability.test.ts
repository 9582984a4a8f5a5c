import { describe, expect, it } from 'vitest';
import { NO_PERMISSION } from './actions';
import { FAKE_DRIVER_CONSOLE, serialConsoleUnavailable } from './serial-console-availability';

const active = { id: 'x', vmState: 'active', taskState: null, status: 'ACTIVE' };
const qemu = { fake: false, serialConsole: true };

describe('serialConsoleUnavailable', () => {
  it('opens for an ACTIVE server on a driver with a serial console', () => {
    expect(serialConsoleUnavailable(active, qemu, true)).toBeUndefined();
  });

  it('names the fake driver', () => {
    expect(serialConsoleUnavailable(active, { fake: true, serialConsole: false }, true)).toBe(FAKE_DRIVER_CONSOLE);
  });

  it('explains the other refusals', () => {
    expect(serialConsoleUnavailable(active, qemu, false)).toBe(NO_PERMISSION);
    expect(serialConsoleUnavailable(active, null, true)).toBe('The instance is not on a host yet.');
    expect(serialConsoleUnavailable(active, { fake: false, serialConsole: false }, true)).toMatch(/no serial console/);
    expect(serialConsoleUnavailable({ ...active, vmState: 'stopped', status: 'SHUTOFF' }, qemu, true)).toBe('The console is available while the instance is active (it is shutoff).');
  });
});
