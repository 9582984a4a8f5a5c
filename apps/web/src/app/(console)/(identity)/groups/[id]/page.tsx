import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { PageHeader } from '@/components/shell/page-header';
import { getHandler } from '@/server/api/routers/identity/groups/get.handler';
import { GroupDetail } from '@/features/groups/group-detail';
import { ClientProviders, prefetch, requireSession } from '@/features/server-page';

export const metadata: Metadata = { title: 'Group' };

export default async function GroupPage({ params }: { params: Promise<{ id: string }> }) {
  const session = await requireSession();
  const { id } = await params;
  const result = await prefetch(session, { id: decodeURIComponent(id) }, getHandler);
  // Missing or not yours to see: the same 404, so an id reveals nothing.
  if (!result.data) notFound();
  return (
    <>
      <PageHeader title={`Group ${result.data.name}`} description={result.data.description || undefined} />
      <ClientProviders session={session}>
        <GroupDetail initial={result.data} />
      </ClientProviders>
    </>
  );
}
