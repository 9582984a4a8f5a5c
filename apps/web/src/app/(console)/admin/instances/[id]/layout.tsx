import type { ReactNode } from 'react';
import { notFound } from 'next/navigation';
import { loadInstance } from '@/features/instances/load';

/** Missing, deleted or another project's: a real 404, decided before the page streams. */
export default async function InstanceLayout({ params, children }: { params: Promise<{ id: string }>; children: ReactNode }) {
  const { result } = await loadInstance(decodeURIComponent((await params).id));
  if (!result.data) notFound();
  return children;
}
