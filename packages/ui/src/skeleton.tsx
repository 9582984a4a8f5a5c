import { cn } from './cn';

/** Placeholder block; size it like the content it stands for so nothing jumps when data lands. */
export function Skeleton({ className }: { className?: string }) {
  return <span aria-hidden="true" className={cn('block animate-pulse rounded-sm bg-surface-2', className)} />;
}
