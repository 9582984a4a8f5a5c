import { createCallerFactory, createTRPCRouter } from './trpc';
import { sessionRouter } from './routers/session/_router';
import { identityRouter } from './routers/identity/_router';

export const appRouter = createTRPCRouter({
  session: sessionRouter,
  identity: identityRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
