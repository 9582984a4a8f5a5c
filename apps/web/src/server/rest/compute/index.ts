import type { RouteDef } from '../router';
import { availabilityZoneRoutes } from './availability-zones';
import { flavorRoutes } from './flavors';
import { hypervisorRoutes } from './hypervisors';
import { keypairRoutes } from './keypairs';
import { remoteConsoleRoutes } from './remote-consoles';
import { serverGroupRoutes } from './server-groups';
import { serverRoutes } from './servers';
import { serviceRoutes } from './services';
import { versionRoutes } from './versions';

/** Nova v2.1 (`/compute`): version documents, the resource APIs and the servers API. */
export const computeRoutes: RouteDef[] = [
  ...versionRoutes,
  ...flavorRoutes,
  ...keypairRoutes,
  ...availabilityZoneRoutes,
  ...hypervisorRoutes,
  ...serviceRoutes,
  ...serverRoutes,
  ...serverGroupRoutes,
  ...remoteConsoleRoutes,
];
