import type { Metadata } from 'next';
import { PageHeader } from '@/components/shell/page-header';
import { listHandler } from '@/server/api/routers/images/list.handler';
import { ImagesTable } from '@/features/images/images-table';
import { imagesListInput, imagesTableSpec } from '@/features/images/spec';
import { prefetch, requireSession } from '@/features/server-page';
import { parseTableState } from '@/features/table/url-state';

export const metadata: Metadata = { title: 'Images' };

export default async function ImagesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const session = await requireSession();
  const input = imagesListInput(parseTableState(await searchParams, imagesTableSpec));
  const initial = await prefetch(session, input, listHandler);
  return (
    <>
      <PageHeader title="Images" description="Disk images the project can launch instances from: its own, shared with it, and public ones." />
      <ImagesTable initial={initial} csrf={session.csrf} />
    </>
  );
}
