import { core, createTRPCRouter, protectedProcedure } from '../../../trpc';
import { ZCreateInputSchema } from './create.schema';
import { createHandler } from './create.handler';
import { ZDeleteInputSchema } from './delete.schema';
import { deleteHandler } from './delete.handler';
import { ZListInputSchema } from './list.schema';
import { listHandler } from './list.handler';
import { ZSetPasswordInputSchema } from './set-password.schema';
import { setPasswordHandler } from './set-password.handler';
import { ZUpdateInputSchema } from './update.schema';
import { updateHandler } from './update.handler';

/** Identity → Users. */
export const usersRouter = createTRPCRouter({
  list: protectedProcedure.input(ZListInputSchema).query(({ ctx, input }) => core(() => listHandler({ ctx, input }))),
  create: protectedProcedure.input(ZCreateInputSchema).mutation(({ ctx, input }) => core(() => createHandler({ ctx, input }))),
  update: protectedProcedure.input(ZUpdateInputSchema).mutation(({ ctx, input }) => core(() => updateHandler({ ctx, input }))),
  setPassword: protectedProcedure.input(ZSetPasswordInputSchema).mutation(({ ctx, input }) => core(() => setPasswordHandler({ ctx, input }))),
  delete: protectedProcedure.input(ZDeleteInputSchema).mutation(({ ctx, input }) => core(() => deleteHandler({ ctx, input }))),
});
