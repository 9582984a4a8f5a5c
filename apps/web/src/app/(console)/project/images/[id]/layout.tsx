import type { ReactNode } from 'react';
import { notFound } from 'next/navigation';
import { loadImage } from '@/features/images/load';

/** Missing or not visible to the project: a real 404, decided before the page streams. */
export default async function ImageLayout({ params, children }: { params: Promise<{ id: string }>; children: ReactNode }) {
  const { result } = await loadImage(decodeURIComponent((await params).id));
  if (!result.data) notFound();
  return children;
}
