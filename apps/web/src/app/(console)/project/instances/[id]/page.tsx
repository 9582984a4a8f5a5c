import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { PageHeader } from '@/components/shell/page-header';
import { InstanceDetailView } from '@/features/instances/instance-detail';
import { loadInstance } from '@/features/instances/load';

export const metadata: Metadata = { title: 'Instance' };

export default async function InstancePage({ params }: { params: Promise<{ id: string }> }) {
  const { result } = await loadInstance(decodeURIComponent((await params).id));
  if (!result.data) notFound();
  return (
    <>
      <PageHeader title={`Instance ${result.data.server.name}`} />
      <InstanceDetailView initial={result.data} />
    </>
  );
}
