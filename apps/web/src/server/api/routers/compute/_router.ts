import { createTRPCRouter } from '../../trpc';
import { keyPairsRouter } from './keypairs/_router';
import { serversRouter } from './servers/_router';
import { flavorsRouter } from './flavors/_router';
import { hypervisorsRouter } from './hypervisors/_router';
import { quotasRouter } from './quotas/_router';

/** The Compute panels: instances, key pairs; admin flavors, hypervisors, quotas. */
export const computeRouter = createTRPCRouter({
  servers: serversRouter,
  keyPairs: keyPairsRouter,
  flavors: flavorsRouter,
  hypervisors: hypervisorsRouter,
  quotas: quotasRouter,
});
