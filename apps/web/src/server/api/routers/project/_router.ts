import { core, createTRPCRouter, protectedProcedure } from '../../trpc';
import { overviewHandler } from './overview.handler';

/** The Project panels (the session's current project). */
export const projectRouter = createTRPCRouter({
  overview: protectedProcedure.query(({ ctx }) => core(() => overviewHandler({ ctx }))),
});
