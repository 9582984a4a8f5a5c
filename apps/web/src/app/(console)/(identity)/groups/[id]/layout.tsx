import type { ReactNode } from 'react';
import { notFound } from 'next/navigation';
import { loadGroup } from '@/features/groups/load';

/** Missing or not yours to see: a real 404 (decided here, before the page streams). */
export default async function GroupLayout({ params, children }: { params: Promise<{ id: string }>; children: ReactNode }) {
  const { result } = await loadGroup(decodeURIComponent((await params).id));
  if (!result.data) notFound();
  return children;
}
