import { createCallerFactory, createTRPCRouter } from './trpc';
import { sessionRouter } from './routers/session/_router';
import { identityRouter } from './routers/identity/_router';
import { adminRouter } from './routers/admin/_router';
import { projectRouter } from './routers/project/_router';
import { computeRouter } from './routers/compute/_router';
import { imagesRouter } from './routers/images/_router';
import { eventsRouter } from './routers/events/_router';

export const appRouter = createTRPCRouter({
  session: sessionRouter,
  identity: identityRouter,
  admin: adminRouter,
  project: projectRouter,
  compute: computeRouter,
  images: imagesRouter,
  events: eventsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
