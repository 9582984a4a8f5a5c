import type { Metadata } from 'next';
import { PageHeader } from '@/components/shell/page-header';
import { listHandler } from '@/server/api/routers/identity/users/list.handler';
import { prefetch, requireSession } from '@/features/server-page';
import { parseTableState } from '@/features/table/url-state';
import { UsersTable } from '@/features/users/users-table';
import { usersListInput, usersTableSpec } from '@/features/users/spec';

export const metadata: Metadata = { title: 'Users' };

export default async function UsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const session = await requireSession();
  const input = usersListInput(parseTableState(await searchParams, usersTableSpec));
  const initial = await prefetch(session, input, listHandler);
  return (
    <>
      <PageHeader
        title="Users"
        description={initial.data?.scope === 'self' ? 'Your own user. Only administrators see and manage everyone.' : 'Everyone who can sign in, and the service users.'}
      />
      <UsersTable initial={initial} />
    </>
  );
}
