import { describe, expect, it } from 'vitest';
import { createLogger } from '@nimbus/core/logger';
import { HostCommandRunner } from '../../../exec/runner.js';
import { createComputeDriver } from '../registry.js';
import { qemuConfigFromEnv } from './config.js';

describe('qemu driver config', () => {
  it('has defaults for a single machine', () => {
    expect(qemuConfigFromEnv({})).toEqual({
      binary: 'qemu-system-x86_64',
      accel: 'auto',
      diskCache: 'auto',
      serialHost: '127.0.0.1',
      serialPorts: { min: 10000, max: 10999 },
      shutdownTimeoutMs: 30_000,
      startTimeoutMs: 30_000,
    });
    expect(qemuConfigFromEnv({ QEMU_ACCEL: 'tcg', NODE_HOST_IP: '10.0.0.5', QEMU_SHUTDOWN_TIMEOUT_MS: '500' })).toMatchObject({ accel: 'tcg', serialHost: '10.0.0.5', shutdownTimeoutMs: 500 });
  });

  it('names the variable that is wrong', () => {
    expect(() => qemuConfigFromEnv({ QEMU_ACCEL: 'hvf' })).toThrow(/^QEMU_ACCEL: /);
    expect(() => qemuConfigFromEnv({ NODE_HOST_IP: 'node-1.example' })).toThrow(/^NODE_HOST_IP: an IP address/);
    expect(() => qemuConfigFromEnv({ QEMU_SERIAL_PORT_MIN: '11000', QEMU_SERIAL_PORT_MAX: '10000' })).toThrow(/^QEMU_SERIAL_PORT_MAX: must not be below QEMU_SERIAL_PORT_MIN/);
    expect(() => qemuConfigFromEnv({ QEMU_SERIAL_PORT_MAX: '70000' })).toThrow(/^QEMU_SERIAL_PORT_MAX: /);
  });

  it('is read when the registry makes the qemu driver', () => {
    const deps = { runner: new HostCommandRunner(), images: { upload: async () => {} }, log: createLogger('test', 'silent'), stateDir: '/nonexistent' };
    expect(createComputeDriver('qemu', 'n1', deps, {}).name).toBe('qemu');
    expect(() => createComputeDriver('qemu', 'n1', deps, { QEMU_ACCEL: 'xen' })).toThrow(/^QEMU_ACCEL: /);
  });
});
