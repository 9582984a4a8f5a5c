import { Lock } from 'lucide-react';
import { EmptyState } from '@nimbus/ui';

/** What a list page shows to someone the policy does not let list it: a plain statement, no retry. */
export function AdminOnly({ what }: { what: string }) {
  return (
    <div className="rounded-lg border border-border bg-surface shadow-card">
      <EmptyState icon={<Lock className="size-5" />} title={`Only administrators can see ${what}`} description="Ask a cloud administrator if you need access." />
    </div>
  );
}
