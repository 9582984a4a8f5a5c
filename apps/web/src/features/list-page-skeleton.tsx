import { Skeleton } from '@nimbus/ui';

/**
 * Shown while a list page renders on the server: the header, the filter bar and fixed-height rows
 * in the table's own geometry, so the real table replaces it without the page moving.
 */
export function ListPageSkeleton({ rows = 10 }: { rows?: number }) {
  return (
    <div aria-busy="true" aria-label="Loading">
      <div className="mb-5">
        <Skeleton className="h-7 w-48" />
        <Skeleton className="mt-2 h-4 w-96 max-w-full" />
      </div>
      <div className="flex flex-col gap-3">
        <div className="flex items-center gap-2">
          <Skeleton className="h-9 w-72 max-w-full" />
          <Skeleton className="ml-auto h-9 w-36" />
        </div>
        <div className="overflow-hidden rounded-lg border border-border bg-surface shadow-card">
          <div className="h-10 border-b border-border bg-surface-2" />
          {Array.from({ length: rows }, (_, i) => (
            <div key={i} className="flex h-row items-center gap-6 border-b border-border px-3 last:border-b-0">
              <Skeleton className="h-3.5 w-40" />
              <Skeleton className="h-3.5 w-56" />
              <Skeleton className="h-3.5 w-24" />
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
