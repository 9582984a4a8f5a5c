import type { Metadata } from 'next';
import { ErrorState } from '@nimbus/ui';
import { PageHeader } from '@/components/shell/page-header';
import { listHandler } from '@/server/api/routers/compute/hypervisors/list.handler';
import { HypervisorsPanel } from '@/features/hypervisors/hypervisors-panel';
import { prefetch, requireSession } from '@/features/server-page';

export const metadata: Metadata = { title: 'Hypervisors' };

export default async function HypervisorsPage() {
  const session = await requireSession();
  const initial = await prefetch(session, undefined, ({ ctx }) => listHandler({ ctx }));
  return (
    <>
      <PageHeader title="Hypervisors" description="Compute nodes: hypervisor and acceleration (KVM, TCG or the FAKE driver), capacity with overcommit, what is allocated, liveness from heartbeats." />
      {initial.data ? <HypervisorsPanel initial={initial.data} /> : <ErrorState message={initial.error} />}
    </>
  );
}
