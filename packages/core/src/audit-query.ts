import { z } from 'zod';
import type { Prisma } from '@nimbus/db';
import { requireAuth, type RequestContext } from './identity/context.js';
import { authorize } from './identity/resources/policy.js';
import { parseInput } from './identity/resources/common.js';
import { countedPage, zConsolePage, type CountedPage } from './identity/resources/console-page.js';

export const ZAuditEventsInput = z
  .object({
    ...zConsolePage,
    dir: z.enum(['asc', 'desc']).default('desc'),
    sort: z.enum(['time', 'action', 'user', 'outcome', 'status']).default('time'),
    /** Substring of the action (`console:identity.projects.create`, `POST /identity/v3/projects`). */
    action: z.string().trim().max(255).optional(),
    /** User name (substring) or exact user id. */
    user: z.string().trim().max(255).optional(),
    outcome: z.enum(['success', 'failure']).optional(),
    from: z.coerce.date().optional(),
    to: z.coerce.date().optional(),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { message: 'must not be before the start', path: ['to'] });
export type AuditEventsInput = z.input<typeof ZAuditEventsInput>;

export interface AuditEventRow {
  id: string;
  time: Date;
  requestId: string;
  source: string;
  userId: string | null;
  userName: string | null;
  projectId: string | null;
  projectName: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  outcome: string;
  status: number;
}

const ORDER = {
  time: 'time',
  action: 'action',
  user: 'userName',
  outcome: 'outcome',
  status: 'status',
} as const;

/** Admin → Audit Log (`identity:list_audit_events`): newest first, filtered and counted by the database. */
export async function listAuditEvents(ctx: RequestContext, raw: AuditEventsInput = {}): Promise<CountedPage<AuditEventRow>> {
  const input = parseInput(ZAuditEventsInput, raw);
  authorize(requireAuth(ctx), 'identity:list_audit_events', { target: {} });
  const where: Prisma.AuditEventWhereInput = {
    ...(input.action ? { action: { contains: input.action, mode: 'insensitive' } } : {}),
    ...(input.user ? { OR: [{ userName: { contains: input.user, mode: 'insensitive' } }, { userId: input.user }] } : {}),
    ...(input.outcome ? { outcome: input.outcome } : {}),
    ...(input.from || input.to ? { time: { ...(input.from ? { gte: input.from } : {}), ...(input.to ? { lte: input.to } : {}) } } : {}),
  };
  const page = await countedPage(
    input,
    () => ctx.db.auditEvent.count({ where }),
    (skip, take) => ctx.db.auditEvent.findMany({ where, orderBy: [{ [ORDER[input.sort]]: input.dir }, { id: 'desc' }], skip, take }),
  );
  const projectIds = [...new Set(page.items.map((e) => e.projectId).filter((id): id is string => id !== null))];
  const projects = projectIds.length
    ? new Map((await ctx.db.project.findMany({ where: { id: { in: projectIds } }, select: { id: true, name: true } })).map((p) => [p.id, p.name]))
    : new Map<string, string>();
  return {
    ...page,
    items: page.items.map((e) => ({
      id: e.id,
      time: e.time,
      requestId: e.requestId,
      source: e.source,
      userId: e.userId,
      userName: e.userName,
      projectId: e.projectId,
      projectName: e.projectId ? (projects.get(e.projectId) ?? null) : null,
      action: e.action,
      targetType: e.targetType,
      targetId: e.targetId,
      outcome: e.outcome,
      status: e.status,
    })),
  };
}
