import type { Metadata } from 'next';
import { PageHeader } from '@/components/shell/page-header';
import { listHandler } from '@/server/api/routers/compute/flavors/list.handler';
import { FlavorsTable } from '@/features/flavors/flavors-table';
import { flavorsListInput, flavorsTableSpec } from '@/features/flavors/spec';
import { prefetch, requireSession } from '@/features/server-page';
import { parseTableState } from '@/features/table/url-state';

export const metadata: Metadata = { title: 'Flavors' };

export default async function FlavorsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const session = await requireSession();
  const input = flavorsListInput(parseTableState(await searchParams, flavorsTableSpec));
  const initial = await prefetch(session, input, listHandler);
  return (
    <>
      <PageHeader title="Flavors" description="The sizes instances come in: vCPUs, RAM and disk." />
      <FlavorsTable initial={initial} />
    </>
  );
}
