import { core, createTRPCRouter, protectedProcedure } from '../../../trpc';
import { ZAssignmentsInputSchema } from './assignments.schema';
import { assignmentsHandler } from './assignments.handler';
import { ZCreateInputSchema } from './create.schema';
import { createHandler } from './create.handler';
import { ZDeleteInputSchema } from './delete.schema';
import { deleteHandler } from './delete.handler';
import { ZGetInputSchema } from './get.schema';
import { getHandler } from './get.handler';
import { ZGrantInputSchema } from './grant.schema';
import { grantHandler, revokeHandler } from './grant.handler';
import { ZListInputSchema } from './list.schema';
import { listHandler } from './list.handler';
import { ZUpdateInputSchema } from './update.schema';
import { updateHandler } from './update.handler';

/** Identity → Projects and a project's role assignments. */
export const projectsRouter = createTRPCRouter({
  list: protectedProcedure.input(ZListInputSchema).query(({ ctx, input }) => core(() => listHandler({ ctx, input }))),
  get: protectedProcedure.input(ZGetInputSchema).query(({ ctx, input }) => core(() => getHandler({ ctx, input }))),
  create: protectedProcedure.input(ZCreateInputSchema).mutation(({ ctx, input }) => core(() => createHandler({ ctx, input }))),
  update: protectedProcedure.input(ZUpdateInputSchema).mutation(({ ctx, input }) => core(() => updateHandler({ ctx, input }))),
  delete: protectedProcedure.input(ZDeleteInputSchema).mutation(({ ctx, input }) => core(() => deleteHandler({ ctx, input }))),
  assignments: protectedProcedure.input(ZAssignmentsInputSchema).query(({ ctx, input }) => core(() => assignmentsHandler({ ctx, input }))),
  grant: protectedProcedure.input(ZGrantInputSchema).mutation(({ ctx, input }) => core(() => grantHandler({ ctx, input }))),
  revoke: protectedProcedure.input(ZGrantInputSchema).mutation(({ ctx, input }) => core(() => revokeHandler({ ctx, input }))),
});
