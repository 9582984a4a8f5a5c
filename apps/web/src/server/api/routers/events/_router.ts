import { createTRPCRouter, protectedProcedure } from '../../trpc';
import { ZChangesInputSchema } from './changes.schema';
import { changesHandler } from './changes.handler';

/** Live rows: change notices over SSE (httpSubscriptionLink); lists invalidate on each. */
export const eventsRouter = createTRPCRouter({
  changes: protectedProcedure.input(ZChangesInputSchema).subscription(({ ctx, input, signal }) => changesHandler({ session: ctx.session, input, signal })),
});
