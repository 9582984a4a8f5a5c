import type { z } from 'zod';
import { listAuditEvents } from '@nimbus/core/audit-query';
import type { ConsoleHandlerCtx } from '../identity/handler-context';
import type { ZAuditEventsInputSchema } from './audit-events.schema';

/** Admin → Audit Log; the core query enforces `identity:list_audit_events` (403 for anyone else). */
export async function auditEventsHandler({ ctx, input }: { ctx: ConsoleHandlerCtx; input: z.input<typeof ZAuditEventsInputSchema> }) {
  return listAuditEvents(ctx.ctx, input);
}
