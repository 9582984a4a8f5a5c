import Link from 'next/link';
import { Panel } from '@nimbus/ui';
import { UsageBar } from '../quotas/usage-bar';

export interface QuotaUsage {
  instances: { used: number; limit: number };
  cores: { used: number; limit: number };
  ram: { used: number; limit: number };
  keyPairs: { used: number; limit: number };
}

/** Project → Overview: compute usage against the project's limits (server-rendered meters, no chart bundle). */
export function QuotaUsagePanel({ usage }: { usage: QuotaUsage }) {
  const free = (q: { used: number; limit: number }) => (q.limit < 0 ? 'no limit' : `${Math.max(0, q.limit - q.used).toLocaleString()} left`);
  return (
    <Panel
      title="Compute usage"
      description={`Instances: ${free(usage.instances)} · vCPUs: ${free(usage.cores)} · RAM: ${free(usage.ram)}${usage.ram.limit >= 0 ? ' MB' : ''}`}
      actions={
        <Link href="/project/instances" className="text-sm text-primary hover:underline">
          Instances →
        </Link>
      }
    >
      <div className="grid gap-4 md:grid-cols-2">
        <UsageBar label="Instances" used={usage.instances.used} limit={usage.instances.limit} />
        <UsageBar label="vCPUs" used={usage.cores.used} limit={usage.cores.limit} />
        <UsageBar label="RAM" used={usage.ram.used} limit={usage.ram.limit} unit=" MB" />
        <UsageBar label="Key pairs (yours)" used={usage.keyPairs.used} limit={usage.keyPairs.limit} />
      </div>
    </Panel>
  );
}
