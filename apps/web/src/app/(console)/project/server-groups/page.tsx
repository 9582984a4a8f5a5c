import type { Metadata } from 'next';
import { PageHeader } from '@/components/shell/page-header';
import { listHandler } from '@/server/api/routers/compute/server-groups/list.handler';
import { ServerGroupsTable } from '@/features/server-groups/server-groups-table';
import { serverGroupsListInput, serverGroupsTableSpec } from '@/features/server-groups/spec';
import { prefetch, requireSession } from '@/features/server-page';
import { parseTableState } from '@/features/table/url-state';

export const metadata: Metadata = { title: 'Server Groups' };

export default async function ServerGroupsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const session = await requireSession();
  const input = serverGroupsListInput(parseTableState(await searchParams, serverGroupsTableSpec));
  const initial = await prefetch(session, input, listHandler);
  return (
    <>
      <PageHeader title="Server Groups" description="Placement policies for instances: keep them on different hosts (anti-affinity) or on the same one (affinity)." />
      <ServerGroupsTable initial={initial} />
    </>
  );
}
