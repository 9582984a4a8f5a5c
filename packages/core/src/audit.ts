import { newId } from '@nimbus/shared';
import type { RequestContext } from './identity/context.js';

export interface AuditEntry {
  action: string;
  targetType: string;
  targetId?: string | null;
  outcome: 'success' | 'failure';
  status: number;
  detail?: Record<string, unknown>;
}

/**
 * Records one mutating call (REST or tRPC). Never throws: an audit write that fails is logged,
 * and must not turn a successful change into an error for the caller.
 */
export async function recordAudit(ctx: RequestContext, entry: AuditEntry): Promise<void> {
  try {
    await ctx.db.auditEvent.create({
      data: {
        id: newId(),
        requestId: ctx.requestId,
        source: ctx.source,
        userId: ctx.auth?.userId ?? null,
        userName: ctx.auth?.userName ?? null,
        projectId: ctx.auth?.projectId ?? null,
        action: entry.action,
        targetType: entry.targetType,
        targetId: entry.targetId ?? null,
        outcome: entry.outcome,
        status: entry.status,
        detail: (entry.detail ?? {}) as object,
      },
    });
  } catch (err) {
    ctx.log.error({ err, action: entry.action }, 'audit write failed');
  }
}
