import type { Metadata } from 'next';
import Link from 'next/link';
import { EmptyState, Panel, StatCard, buttonClasses } from '@nimbus/ui';
import { PageHeader } from '@/components/shell/page-header';
import { overviewHandler } from '@/server/api/routers/admin/overview.handler';
import { formatTime } from '@/features/format';
import { handlerCtx, requireSession } from '@/features/server-page';

export const metadata: Metadata = { title: 'Admin Overview' };

export default async function AdminOverviewPage() {
  const session = await requireSession();
  const o = await overviewHandler({ ctx: handlerCtx(session) });
  const c = o.counts;
  return (
    <>
      <PageHeader title="Admin Overview" description="The whole cloud at a glance." />
      <div className="flex flex-col gap-5">
        <div className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
          <StatCard label="Projects" value={c.projects} detail={c.disabledProjects ? `${c.disabledProjects} disabled` : 'all enabled'} linkAs={Link} href="/projects" />
          <StatCard label="Users" value={c.users} detail={c.disabledUsers ? `${c.disabledUsers} disabled` : 'all enabled'} linkAs={Link} href="/users" />
          <StatCard label="Groups" value={c.groups} linkAs={Link} href="/groups" />
          <StatCard label="Roles" value={c.roles} linkAs={Link} href="/roles" />
          <StatCard label="Application credentials" value={c.appCreds} />
          <StatCard
            label="Changes in the last 24 h"
            value={o.lastDay.events}
            detail={o.lastDay.failures ? `${o.lastDay.failures} failed` : 'none failed'}
            linkAs={Link}
            href="/admin/audit-log"
          />
        </div>
        <Panel
          title="Recent failures"
          description="The latest refused or failed changes, from the audit log."
          actions={<Link href="/admin/audit-log?outcome=failure" className={buttonClasses('secondary', 'sm')}>View all failures</Link>}
        >
          {o.recentFailures.length === 0 ? (
            <EmptyState title="No failed changes" className="py-4" />
          ) : (
            <ul className="divide-y divide-border text-sm">
              {o.recentFailures.map((e) => (
                <li key={e.id} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 py-2">
                  <span className="min-w-0 font-mono text-xs">{e.action}</span>
                  <span className="text-[0.8125rem] text-fg-muted">
                    {e.userName ?? 'anonymous'} · {e.status} · {formatTime(e.time)}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Panel>
      </div>
    </>
  );
}
