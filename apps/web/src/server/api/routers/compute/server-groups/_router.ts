import { core, createTRPCRouter, protectedProcedure } from '../../../trpc';
import { ZCreateInputSchema } from './create.schema';
import { createHandler } from './create.handler';
import { ZDeleteInputSchema } from './delete.schema';
import { deleteHandler } from './delete.handler';
import { ZListInputSchema } from './list.schema';
import { listHandler } from './list.handler';

/** Project → Compute → Server Groups. */
export const serverGroupsRouter = createTRPCRouter({
  list: protectedProcedure.input(ZListInputSchema).query(({ ctx, input }) => core(() => listHandler({ ctx, input }))),
  create: protectedProcedure.input(ZCreateInputSchema).mutation(({ ctx, input }) => core(() => createHandler({ ctx, input }))),
  delete: protectedProcedure.input(ZDeleteInputSchema).mutation(({ ctx, input }) => core(() => deleteHandler({ ctx, input }))),
});
