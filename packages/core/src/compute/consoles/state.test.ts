import { describe, expect, it } from 'vitest';
import { serialConsoleRefusal } from './state';

describe('serialConsoleRefusal', () => {
  it('allows ACTIVE servers, also while busy with something else than deleting', () => {
    expect(serialConsoleRefusal({ id: 'x', vmState: 'active', taskState: null })).toBeNull();
    expect(serialConsoleRefusal({ id: 'x', vmState: 'active', taskState: 'rebooting' })).toBeNull();
  });

  it("refuses other states in Nova's words", () => {
    expect(serialConsoleRefusal({ id: 'x', vmState: 'stopped', taskState: null })).toBe("Cannot 'get_serial_console' instance x while it is in vm_state stopped");
    expect(serialConsoleRefusal({ id: 'x', vmState: 'active', taskState: 'deleting' })).toBe("Cannot 'get_serial_console' instance x while it is in task_state deleting");
  });
});
