import { core, createTRPCRouter, protectedProcedure } from '../../trpc';
import { ZCreateInputSchema } from './create.schema';
import { createHandler } from './create.handler';
import { ZDeleteInputSchema } from './delete.schema';
import { deleteHandler } from './delete.handler';
import { ZGetInputSchema } from './get.schema';
import { getHandler } from './get.handler';
import { ZListInputSchema } from './list.schema';
import { listHandler } from './list.handler';
import { ZUpdateInputSchema } from './update.schema';
import { updateHandler } from './update.handler';

/** Project → Compute → Images. The data goes through the upload route (app/(console)/project/images/upload). */
export const imagesRouter = createTRPCRouter({
  list: protectedProcedure.input(ZListInputSchema).query(({ ctx, input }) => core(() => listHandler({ ctx, input }))),
  get: protectedProcedure.input(ZGetInputSchema).query(({ ctx, input }) => core(() => getHandler({ ctx, input }))),
  create: protectedProcedure.input(ZCreateInputSchema).mutation(({ ctx, input }) => core(() => createHandler({ ctx, input }))),
  update: protectedProcedure.input(ZUpdateInputSchema).mutation(({ ctx, input }) => core(() => updateHandler({ ctx, input }))),
  delete: protectedProcedure.input(ZDeleteInputSchema).mutation(({ ctx, input }) => core(() => deleteHandler({ ctx, input }))),
});
