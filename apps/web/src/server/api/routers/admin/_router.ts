import { core, createTRPCRouter, protectedProcedure } from '../../trpc';
import { ZAuditEventsInputSchema } from './audit-events.schema';
import { auditEventsHandler } from './audit-events.handler';
import { overviewHandler } from './overview.handler';

/** The Admin panels. Every procedure is refused (FORBIDDEN) to callers without `identity:list_audit_events`. */
export const adminRouter = createTRPCRouter({
  overview: protectedProcedure.query(({ ctx }) => core(() => overviewHandler({ ctx }))),
  auditEvents: protectedProcedure.input(ZAuditEventsInputSchema).query(({ ctx, input }) => core(() => auditEventsHandler({ ctx, input }))),
});
