import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { PageHeader } from '@/components/shell/page-header';
import { GroupDetail } from '@/features/groups/group-detail';
import { loadGroup } from '@/features/groups/load';

export const metadata: Metadata = { title: 'Group' };

export default async function GroupPage({ params }: { params: Promise<{ id: string }> }) {
  const { result } = await loadGroup(decodeURIComponent((await params).id));
  if (!result.data) notFound();
  return (
    <>
      <PageHeader title={`Group ${result.data.name}`} description={result.data.description || undefined} />
      <GroupDetail initial={result.data} />
    </>
  );
}
