import { core, createTRPCRouter, protectedProcedure } from '../../../trpc';
import { ZListInputSchema } from './list.schema';
import { listHandler } from './list.handler';
import { ZUpdateInputSchema } from './update.schema';
import { updateHandler } from './update.handler';
import { usageHandler } from './usage.handler';

/** Admin → Quotas (per project, defaults) and the project's own usage. */
export const quotasRouter = createTRPCRouter({
  list: protectedProcedure.input(ZListInputSchema).query(({ ctx, input }) => core(() => listHandler({ ctx, input }))),
  update: protectedProcedure.input(ZUpdateInputSchema).mutation(({ ctx, input }) => core(() => updateHandler({ ctx, input }))),
  usage: protectedProcedure.query(({ ctx }) => core(() => usageHandler({ ctx }))),
});
