import type { Metadata } from 'next';
import { PageHeader } from '@/components/shell/page-header';
import { auditEventsHandler } from '@/server/api/routers/admin/audit-events.handler';
import { AuditTable } from '@/features/audit/audit-table';
import { auditListInput, auditTableSpec } from '@/features/audit/spec';
import { prefetch, requireSession } from '@/features/server-page';
import { parseTableState } from '@/features/table/url-state';

export const metadata: Metadata = { title: 'Audit Log' };

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const session = await requireSession();
  const input = auditListInput(parseTableState(await searchParams, auditTableSpec));
  const initial = await prefetch(session, input, (args) => auditEventsHandler(args));
  return (
    <>
      <PageHeader title="Audit Log" description="Every change made through the console or the APIs: who, on which project, what, and how it ended." />
      <AuditTable initial={initial} />
    </>
  );
}
