import { describe, expect, it } from 'vitest';
import { createLogger } from '@nimbus/core/logger';
import { HostCommandRunner } from '../../../exec/runner.js';
import { createComputeDriver } from '../registry.js';
import { libvirtConfigFromEnv } from './config.js';

describe('libvirt driver config', () => {
  it('has defaults for a single machine', () => {
    expect(libvirtConfigFromEnv({})).toEqual({
      uri: 'qemu:///system',
      virtType: 'auto',
      serialHost: '127.0.0.1',
      serialPorts: { min: 11000, max: 11999 },
      shutdownTimeoutMs: 30_000,
    });
    expect(libvirtConfigFromEnv({ LIBVIRT_URI: 'qemu+ssh://node-2/system', LIBVIRT_VIRT_TYPE: 'qemu', NODE_HOST_IP: '10.0.0.5', LIBVIRT_SHUTDOWN_TIMEOUT_MS: '500' })).toMatchObject({
      uri: 'qemu+ssh://node-2/system',
      virtType: 'qemu',
      serialHost: '10.0.0.5',
      shutdownTimeoutMs: 500,
    });
  });

  it('names the variable that is wrong', () => {
    expect(() => libvirtConfigFromEnv({ LIBVIRT_VIRT_TYPE: 'xen' })).toThrow(/^LIBVIRT_VIRT_TYPE: /);
    expect(() => libvirtConfigFromEnv({ LIBVIRT_URI: '' })).toThrow(/^LIBVIRT_URI: /);
    expect(() => libvirtConfigFromEnv({ NODE_HOST_IP: 'node-1.example' })).toThrow(/^NODE_HOST_IP: an IP address/);
    expect(() => libvirtConfigFromEnv({ LIBVIRT_SERIAL_PORT_MIN: '12000', LIBVIRT_SERIAL_PORT_MAX: '11000' })).toThrow(/^LIBVIRT_SERIAL_PORT_MAX: must not be below LIBVIRT_SERIAL_PORT_MIN/);
    expect(() => libvirtConfigFromEnv({ LIBVIRT_SHUTDOWN_TIMEOUT_MS: '-1' })).toThrow(/^LIBVIRT_SHUTDOWN_TIMEOUT_MS: /);
  });

  it('is read when the registry makes the libvirt driver', () => {
    const deps = { runner: new HostCommandRunner(), images: { upload: async () => {} }, log: createLogger('test', 'silent'), stateDir: '/nonexistent' };
    expect(createComputeDriver('libvirt', 'n1', deps, {}).name).toBe('libvirt');
    expect(() => createComputeDriver('libvirt', 'n1', deps, { LIBVIRT_VIRT_TYPE: 'lxc' })).toThrow(/^LIBVIRT_VIRT_TYPE: /);
  });
});
