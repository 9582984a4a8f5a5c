import type { Metadata } from 'next';
import { can } from '@nimbus/core/policy/index';
import { PageHeader } from '@/components/shell/page-header';
import { AdminOnly } from '@/features/admin-only';
import { listHandler } from '@/server/api/routers/identity/roles/list.handler';
import { RolesTable } from '@/features/roles/roles-table';
import { rolesListInput, rolesTableSpec } from '@/features/roles/spec';
import { prefetch, requireSession } from '@/features/server-page';
import { parseTableState } from '@/features/table/url-state';

export const metadata: Metadata = { title: 'Roles' };

export default async function RolesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const session = await requireSession();
  const allowed = can(session.auth, 'identity:list_roles', { target: {} });
  const input = rolesListInput(parseTableState(await searchParams, rolesTableSpec));
  const initial = allowed ? await prefetch(session, input, listHandler) : undefined;
  return (
    <>
      <PageHeader title="Roles" description="Roles are granted to users and groups on projects. A role also grants every role it implies." />
      {allowed ? <RolesTable initial={initial} /> : <AdminOnly what="roles" />}
    </>
  );
}
