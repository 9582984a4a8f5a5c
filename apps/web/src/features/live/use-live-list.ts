'use client';

import { useQueryClient, type QueryFilters } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useState } from 'react';
import type { ChangeType } from '@nimbus/core/events/changes';
import { useTRPC } from '@/trpc/react';

/** Runs at most one call per window: the first call schedules, the rest of the window joins it. */
class Coalescer {
  private timer: ReturnType<typeof setTimeout> | null = null;
  constructor(private readonly ms: number) {}
  run(fn: () => void): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      fn();
    }, this.ms);
  }
}

/** How often a list refetches while any of its rows is transitional (the fallback when notices are lost). */
export const TRANSITIONAL_POLL_MS = 2_000;

/**
 * Live rows: listens to the caller's change notices (tRPC subscription over SSE) and invalidates
 * `filter` on each, coalescing a burst into one refetch. Lists also poll with
 * `refetchInterval: transitionalInterval(...)` so a lost notice costs at most one interval.
 */
export function useLiveInvalidate(types: readonly ChangeType[], filter: QueryFilters, onChange?: (id: string) => void) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // A burst of notices (a batch action) becomes one refetch.
  const [coalescer] = useState(() => new Coalescer(150));
  useSubscription(
    trpc.events.changes.subscriptionOptions(
      { types: [...types] },
      {
        onData: (change) => {
          onChange?.(change.id);
          coalescer.run(() => void queryClient.invalidateQueries(filter));
        },
      },
    ),
  );
}

/** `refetchInterval` for a list: poll while any row is transitional, otherwise not. */
export function transitionalInterval<T>(rows: readonly T[] | undefined, isTransitional: (row: T) => boolean): number | false {
  return rows?.some(isTransitional) ? TRANSITIONAL_POLL_MS : false;
}
