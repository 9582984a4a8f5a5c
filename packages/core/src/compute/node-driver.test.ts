import { describe, expect, it } from 'vitest';
import { nodeDriverView } from './node-driver';

const info = (over: Record<string, unknown> = {}, caps: Record<string, boolean> = {}) => ({
  hypervisorType: 'QEMU',
  driver: { name: 'qemu', fake: false, hypervisorType: 'QEMU', hypervisorVersion: 8002000, capabilities: { supportsSerialConsole: true, ...caps }, ...over },
});

describe('nodeDriverView', () => {
  it('reads KVM and TCG from accelKvm', () => {
    expect(nodeDriverView(info({}, { accelKvm: true }))).toEqual({ name: 'qemu', fake: false, accel: 'KVM', serialConsole: true });
    expect(nodeDriverView(info({}, { accelKvm: false })).accel).toBe('TCG');
  });

  it('claims no acceleration when the driver does not say, or is fake', () => {
    expect(nodeDriverView(info()).accel).toBeNull();
    expect(nodeDriverView(info({ name: 'fake', fake: true }, { accelKvm: false, supportsSerialConsole: false }))).toEqual({ name: 'fake', fake: true, accel: null, serialConsole: false });
  });

  it('treats a node without driver info as having no serial console', () => {
    expect(nodeDriverView({ hypervisorType: 'fake', driver: {} })).toEqual({ name: 'fake', fake: true, accel: null, serialConsole: false });
    expect(nodeDriverView({ hypervisorType: 'QEMU', driver: {} }).fake).toBe(false);
  });
});
