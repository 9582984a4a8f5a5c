import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ErrorState } from '@nimbus/ui';
import { PageHeader } from '@/components/shell/page-header';
import { getHandler } from '@/server/api/routers/identity/groups/get.handler';
import { GroupDetail } from '@/features/groups/group-detail';
import { ClientProviders, prefetch, requireSession } from '@/features/server-page';

export const metadata: Metadata = { title: 'Group' };

export default async function GroupPage({ params }: { params: Promise<{ id: string }> }) {
  const session = await requireSession();
  const { id } = await params;
  const result = await prefetch(session, { id: decodeURIComponent(id) }, getHandler);
  if (result.error !== undefined && /Could not find group/.test(result.error)) notFound();
  return (
    <>
      <PageHeader title={result.data ? `Group ${result.data.name}` : 'Group'} description={result.data?.description || undefined} />
      {result.data ? (
        <ClientProviders session={session}>
          <GroupDetail initial={result.data} />
        </ClientProviders>
      ) : (
        <ErrorState title="Could not load the group" message={result.error} />
      )}
    </>
  );
}
