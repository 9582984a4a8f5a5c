import type { ComputeDriver, DriverDeps } from './driver.js';
import { fakeConfigFromEnv } from './fake/config.js';
import { FakeComputeDriver } from './fake/fake-driver.js';
import { libvirtConfigFromEnv } from './libvirt/config.js';
import { LibvirtComputeDriver } from './libvirt/libvirt-driver.js';
import { qemuConfigFromEnv } from './qemu/config.js';
import { QemuComputeDriver } from './qemu/qemu-driver.js';

type Factory = (node: string, env: Record<string, string | undefined>, deps: DriverDeps) => ComputeDriver;

/** The compute drivers by COMPUTE_DRIVER name; the real ones (`qemu`, `libvirt`) join here. */
const FACTORIES: Record<string, Factory> = {
  fake: (node, env) => new FakeComputeDriver(fakeConfigFromEnv(env), node),
  qemu: (_node, env, deps) => new QemuComputeDriver(qemuConfigFromEnv(env), deps),
  libvirt: (_node, env, deps) => new LibvirtComputeDriver(libvirtConfigFromEnv(env), deps),
};

export const COMPUTE_DRIVERS = Object.keys(FACTORIES);

/** A driver for `node`; throws naming COMPUTE_DRIVER when the name is unknown. */
export function createComputeDriver(name: string, node: string, deps: DriverDeps, env: Record<string, string | undefined> = process.env): ComputeDriver {
  const factory = FACTORIES[name];
  if (!factory) throw new Error(`COMPUTE_DRIVER: unknown driver "${name}" (known: ${COMPUTE_DRIVERS.join(', ')})`);
  return factory(node, env, deps);
}
