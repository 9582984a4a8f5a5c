import { core, createTRPCRouter, protectedProcedure } from '../../trpc';
import { keyPairsRouter } from './keypairs/_router';
import { serverGroupsRouter } from './server-groups/_router';
import { serversRouter } from './servers/_router';
import { flavorsRouter } from './flavors/_router';
import { hypervisorsRouter } from './hypervisors/_router';
import { quotasRouter } from './quotas/_router';
import { ZSerialConsoleInputSchema } from './serial-console.schema';
import { serialConsoleHandler } from './serial-console.handler';

/** The Compute panels: instances, key pairs, server groups; admin flavors, hypervisors, quotas. */
export const computeRouter = createTRPCRouter({
  servers: serversRouter,
  keyPairs: keyPairsRouter,
  serverGroups: serverGroupsRouter,
  flavors: flavorsRouter,
  hypervisors: hypervisorsRouter,
  quotas: quotasRouter,
  serialConsole: protectedProcedure.input(ZSerialConsoleInputSchema).mutation(({ ctx, input }) => core(() => serialConsoleHandler({ ctx, input }))),
});
