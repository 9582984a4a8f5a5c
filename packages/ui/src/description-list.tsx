import type { ReactNode } from 'react';
import { cn } from './cn';

export interface DescriptionItem {
  label: ReactNode;
  value: ReactNode;
  /** Monospace, for ids and URLs. */
  mono?: boolean;
}

/** Label/value pairs of a resource's detail card (a real <dl>, two columns from sm up). */
export function DescriptionList({ items, className }: { items: readonly DescriptionItem[]; className?: string }) {
  return (
    <dl className={cn('grid grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-[minmax(8rem,auto)_1fr]', className)}>
      {items.map((item, i) => (
        <div key={i} className="contents">
          <dt className="text-[0.8125rem] font-medium text-fg-muted sm:py-0.5">{item.label}</dt>
          <dd className={cn('-mt-2 min-w-0 break-words text-fg sm:mt-0 sm:py-0.5', item.mono && 'font-mono text-xs leading-5')}>{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}
