import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge, DescriptionList, Panel, StatCard, StatusBadge } from '@nimbus/ui';
import { PageHeader } from '@/components/shell/page-header';
import { overviewHandler } from '@/server/api/routers/project/overview.handler';
import { usageHandler } from '@/server/api/routers/compute/quotas/usage.handler';
import { QuotaUsagePanel } from '@/features/overview/quota-usage';
import { formatTime } from '@/features/format';
import { handlerCtx, requireSession } from '@/features/server-page';

export const metadata: Metadata = { title: 'Overview' };

/** Project → Overview: where the login lands. Rendered on the server; nothing here needs script. */
export default async function ProjectOverviewPage() {
  const session = await requireSession();
  const ctx = handlerCtx(session);
  const [o, usage] = await Promise.all([overviewHandler({ ctx }), usageHandler({ ctx }).catch(() => null)]);
  return (
    <>
      <PageHeader title={`Project ${o.project.name}`} description={o.project.description || undefined} />
      <div className="flex flex-col gap-5">
        <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
          <StatCard label="Projects you can use" value={o.counts.projects} linkAs={Link} href="/projects" />
          <StatCard label="Your application credentials here" value={o.counts.myCredentials} linkAs={Link} href="/application-credentials" />
          {o.counts.users !== null ? <StatCard label="Users with a role here" value={o.counts.users} linkAs={Link} href={`/projects/${o.project.id}`} /> : null}
          {o.counts.groups !== null ? <StatCard label="Groups with a role here" value={o.counts.groups} linkAs={Link} href={`/projects/${o.project.id}`} /> : null}
        </div>
        {usage ? <QuotaUsagePanel usage={usage} /> : null}
        <Panel title="Your access">
          <DescriptionList
            items={[
              { label: 'User', value: o.user.name },
              {
                label: 'Your roles',
                value: (
                  <span className="inline-flex flex-wrap gap-1">
                    {o.roles.map((r) => (
                      <Badge key={r} tone="primary">{r}</Badge>
                    ))}
                    {o.isAdmin ? <Badge tone="warning">cloud admin</Badge> : null}
                  </span>
                ),
              },
              { label: 'Project', value: o.project.name },
              { label: 'Project ID', value: o.project.id, mono: true },
              { label: 'Domain', value: o.project.domainName },
              { label: 'Enabled', value: <StatusBadge status={o.project.enabled ? 'enabled' : 'disabled'} label={o.project.enabled ? 'Yes' : 'No'} /> },
              { label: 'Session expires', value: formatTime(o.expiresAt) },
            ]}
          />
        </Panel>
      </div>
    </>
  );
}
