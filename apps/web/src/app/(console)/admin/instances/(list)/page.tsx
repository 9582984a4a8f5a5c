import type { Metadata } from 'next';
import { PageHeader } from '@/components/shell/page-header';
import { listHandler } from '@/server/api/routers/compute/servers/list.handler';
import { InstancesTable } from '@/features/instances/instances-table';
import { instancesListInput, instancesTableSpec } from '@/features/instances/spec';
import { prefetch, requireSession } from '@/features/server-page';
import { parseTableState } from '@/features/table/url-state';

export const metadata: Metadata = { title: 'All Instances' };

export default async function AdminInstancesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const session = await requireSession();
  const input = instancesListInput(parseTableState(await searchParams, instancesTableSpec), true);
  const initial = await prefetch(session, input, listHandler);
  return (
    <>
      <PageHeader title="Instances" description="Every project's instances, with the host each runs on." />
      <InstancesTable initial={initial} allProjects />
    </>
  );
}
