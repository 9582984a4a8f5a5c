import { core, createTRPCRouter, protectedProcedure } from '../../../trpc';
import { ZActionInputSchema } from './action.schema';
import { actionHandler } from './action.handler';
import { actionLogHandler } from './action-log.handler';
import { ZConsoleLogInputSchema } from './console-log.schema';
import { consoleLogHandler } from './console-log.handler';
import { ZCreateImageInputSchema } from './create-image.schema';
import { createImageHandler } from './create-image.handler';
import { ZCreateInputSchema } from './create.schema';
import { createHandler } from './create.handler';
import { ZGetInputSchema } from './get.schema';
import { getHandler } from './get.handler';
import { launchOptionsHandler } from './launch-options.handler';
import { ZListInputSchema } from './list.schema';
import { listHandler } from './list.handler';

/** Project → Compute → Instances (and Admin → Instances with `allProjects`). */
export const serversRouter = createTRPCRouter({
  list: protectedProcedure.input(ZListInputSchema).query(({ ctx, input }) => core(() => listHandler({ ctx, input }))),
  get: protectedProcedure.input(ZGetInputSchema).query(({ ctx, input }) => core(() => getHandler({ ctx, input }))),
  actionLog: protectedProcedure.input(ZGetInputSchema).query(({ ctx, input }) => core(() => actionLogHandler({ ctx, input }))),
  consoleLog: protectedProcedure.input(ZConsoleLogInputSchema).query(({ ctx, input }) => core(() => consoleLogHandler({ ctx, input }))),
  launchOptions: protectedProcedure.query(({ ctx }) => core(() => launchOptionsHandler({ ctx }))),
  create: protectedProcedure.input(ZCreateInputSchema).mutation(({ ctx, input }) => core(() => createHandler({ ctx, input }))),
  createImage: protectedProcedure.input(ZCreateImageInputSchema).mutation(({ ctx, input }) => core(() => createImageHandler({ ctx, input }))),
  action: protectedProcedure.input(ZActionInputSchema).mutation(({ ctx, input }) => core(() => actionHandler({ ctx, input }))),
});
