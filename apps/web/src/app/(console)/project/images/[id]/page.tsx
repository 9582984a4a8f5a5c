import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { PageHeader } from '@/components/shell/page-header';
import { ImageDetailView } from '@/features/images/image-detail';
import { loadImage } from '@/features/images/load';

export const metadata: Metadata = { title: 'Image' };

export default async function ImagePage({ params }: { params: Promise<{ id: string }> }) {
  const { result } = await loadImage(decodeURIComponent((await params).id));
  if (!result.data) notFound();
  return (
    <>
      <PageHeader title={`Image ${result.data.name ?? result.data.id}`} />
      <ImageDetailView initial={result.data} />
    </>
  );
}
