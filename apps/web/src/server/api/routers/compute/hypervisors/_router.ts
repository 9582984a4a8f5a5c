import { core, createTRPCRouter, protectedProcedure } from '../../../trpc';
import { listHandler } from './list.handler';
import { ZSetEnabledInputSchema } from './set-enabled.schema';
import { setEnabledHandler } from './set-enabled.handler';

/** Admin → Hypervisors. */
export const hypervisorsRouter = createTRPCRouter({
  list: protectedProcedure.query(({ ctx }) => core(() => listHandler({ ctx }))),
  setEnabled: protectedProcedure.input(ZSetEnabledInputSchema).mutation(({ ctx, input }) => core(() => setEnabledHandler({ ctx, input }))),
});
