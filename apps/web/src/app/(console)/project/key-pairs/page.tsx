import type { Metadata } from 'next';
import { PageHeader } from '@/components/shell/page-header';
import { listHandler } from '@/server/api/routers/compute/keypairs/list.handler';
import { KeyPairsTable } from '@/features/keypairs/keypairs-table';
import { keyPairsListInput, keyPairsTableSpec } from '@/features/keypairs/spec';
import { prefetch, requireSession } from '@/features/server-page';
import { parseTableState } from '@/features/table/url-state';

export const metadata: Metadata = { title: 'Key Pairs' };

export default async function KeyPairsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const session = await requireSession();
  const input = keyPairsListInput(parseTableState(await searchParams, keyPairsTableSpec));
  const initial = await prefetch(session, input, listHandler);
  return (
    <>
      <PageHeader title="Key Pairs" description="SSH keys for logging in to your instances. Key pairs belong to you, not to the project." />
      <KeyPairsTable initial={initial} />
    </>
  );
}
