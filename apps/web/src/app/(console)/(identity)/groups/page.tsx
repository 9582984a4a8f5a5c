import type { Metadata } from 'next';
import { PageHeader } from '@/components/shell/page-header';
import { listHandler } from '@/server/api/routers/identity/groups/list.handler';
import { GroupsTable } from '@/features/groups/groups-table';
import { groupsListInput, groupsTableSpec } from '@/features/groups/spec';
import { ClientProviders, prefetch, requireSession } from '@/features/server-page';
import { parseTableState } from '@/features/table/url-state';

export const metadata: Metadata = { title: 'Groups' };

export default async function GroupsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const session = await requireSession();
  const input = groupsListInput(parseTableState(await searchParams, groupsTableSpec));
  const initial = await prefetch(session, input, listHandler);
  return (
    <>
      <PageHeader title="Groups" description="Users in a group hold every role granted to the group." />
      <ClientProviders session={session}>
        <GroupsTable initial={initial} />
      </ClientProviders>
    </>
  );
}
