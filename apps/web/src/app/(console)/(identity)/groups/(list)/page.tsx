import type { Metadata } from 'next';
import { can } from '@nimbus/core/policy/index';
import { PageHeader } from '@/components/shell/page-header';
import { AdminOnly } from '@/features/admin-only';
import { listHandler } from '@/server/api/routers/identity/groups/list.handler';
import { GroupsTable } from '@/features/groups/groups-table';
import { groupsListInput, groupsTableSpec } from '@/features/groups/spec';
import { prefetch, requireSession } from '@/features/server-page';
import { parseTableState } from '@/features/table/url-state';

export const metadata: Metadata = { title: 'Groups' };

export default async function GroupsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const session = await requireSession();
  const allowed = can(session.auth, 'identity:list_groups', { target: {} });
  const input = groupsListInput(parseTableState(await searchParams, groupsTableSpec));
  const initial = allowed ? await prefetch(session, input, listHandler) : undefined;
  return (
    <>
      <PageHeader title="Groups" description="Users in a group hold every role granted to the group." />
      {allowed ? <GroupsTable initial={initial} /> : <AdminOnly what="groups" />}
    </>
  );
}
