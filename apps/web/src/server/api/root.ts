import { createCallerFactory, createTRPCRouter } from './trpc';
import { sessionRouter } from './routers/session/_router';

export const appRouter = createTRPCRouter({
  session: sessionRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
