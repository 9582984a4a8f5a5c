import type { NetworkDriver, NetworkDriverDeps } from './driver.js';
import { FakeNetworkDriver } from './fake/fake-driver.js';
import { linuxbridgeConfigFromEnv } from './linuxbridge/config.js';
import { LinuxbridgeNetworkDriver } from './linuxbridge/linuxbridge-driver.js';

type Factory = (env: Record<string, string | undefined>, deps: NetworkDriverDeps) => NetworkDriver;

/** The network drivers by NETWORK_DRIVER name. */
const FACTORIES: Record<string, Factory> = {
  fake: () => new FakeNetworkDriver(),
  linuxbridge: (env, deps) => new LinuxbridgeNetworkDriver(linuxbridgeConfigFromEnv(env, deps.stateDir), deps),
};

export const NETWORK_DRIVERS = Object.keys(FACTORIES);

/** A network driver; throws naming NETWORK_DRIVER when the name is unknown. */
export function createNetworkDriver(name: string, deps: NetworkDriverDeps, env: Record<string, string | undefined> = process.env): NetworkDriver {
  const factory = FACTORIES[name];
  if (!factory) throw new Error(`NETWORK_DRIVER: unknown driver "${name}" (known: ${NETWORK_DRIVERS.join(', ')})`);
  return factory(env, deps);
}
