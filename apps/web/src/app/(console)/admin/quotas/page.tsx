import type { Metadata } from 'next';
import { PageHeader } from '@/components/shell/page-header';
import { listHandler } from '@/server/api/routers/compute/quotas/list.handler';
import { QuotasTable } from '@/features/quotas/quotas-table';
import { quotasListInput, quotasTableSpec } from '@/features/quotas/spec';
import { prefetch, requireSession } from '@/features/server-page';
import { parseTableState } from '@/features/table/url-state';

export const metadata: Metadata = { title: 'Quotas' };

export default async function QuotasPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const session = await requireSession();
  const input = quotasListInput(parseTableState(await searchParams, quotasTableSpec));
  const initial = await prefetch(session, input, listHandler);
  return (
    <>
      <PageHeader title="Quotas" description="Compute limits per project, and the defaults for the rest." />
      <QuotasTable initial={initial} />
    </>
  );
}
