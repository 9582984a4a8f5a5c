import { createTRPCRouter } from '../../trpc';
import { keyPairsRouter } from './keypairs/_router';
import { serversRouter } from './servers/_router';

/** The Compute panels: instances, key pairs; admin flavors, hypervisors, quotas. */
export const computeRouter = createTRPCRouter({
  servers: serversRouter,
  keyPairs: keyPairsRouter,
});
