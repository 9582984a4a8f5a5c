import { authorize } from '@nimbus/core/policy/index';
import type { ConsoleHandlerCtx } from '../identity/handler-context';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Admin → Overview: what the cloud holds, and how the last day of changes went. */
export async function overviewHandler({ ctx }: { ctx: ConsoleHandlerCtx }) {
  authorize(ctx.session.auth, 'identity:list_audit_events', { target: {} });
  const db = ctx.ctx.db;
  const since = new Date(Date.now() - DAY_MS);
  const [projects, disabledProjects, users, disabledUsers, groups, roles, appCreds, events, failures, recentFailures] = await Promise.all([
    db.project.count(),
    db.project.count({ where: { enabled: false } }),
    db.user.count(),
    db.user.count({ where: { enabled: false } }),
    db.group.count(),
    db.role.count(),
    db.applicationCredential.count(),
    db.auditEvent.count({ where: { time: { gte: since } } }),
    db.auditEvent.count({ where: { time: { gte: since }, outcome: 'failure' } }),
    db.auditEvent.findMany({
      where: { outcome: 'failure' },
      orderBy: { time: 'desc' },
      take: 5,
      select: { id: true, time: true, userName: true, action: true, status: true, requestId: true },
    }),
  ]);
  return {
    counts: { projects, disabledProjects, users, disabledUsers, groups, roles, appCreds },
    lastDay: { events, failures },
    recentFailures,
  };
}
