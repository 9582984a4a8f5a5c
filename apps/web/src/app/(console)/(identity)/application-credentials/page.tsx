import type { Metadata } from 'next';
import { PageHeader } from '@/components/shell/page-header';
import { listHandler } from '@/server/api/routers/identity/app-credentials/list.handler';
import { AppCredentialsTable } from '@/features/app-credentials/app-credentials-table';
import { appCredsListInput, appCredsTableSpec } from '@/features/app-credentials/spec';
import { prefetch, requireSession } from '@/features/server-page';
import { parseTableState } from '@/features/table/url-state';

export const metadata: Metadata = { title: 'Application Credentials' };

export default async function AppCredentialsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const session = await requireSession();
  const input = appCredsListInput(parseTableState(await searchParams, appCredsTableSpec));
  const initial = await prefetch(session, input, listHandler);
  return (
    <>
      <PageHeader title="Application Credentials" description="Your credentials for scripts and services. Each works on one project with a subset of your roles there." />
      <AppCredentialsTable initial={initial} />
    </>
  );
}
