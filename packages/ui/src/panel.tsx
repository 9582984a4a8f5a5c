import type { ReactNode } from 'react';
import { cn } from './cn';

export interface PanelProps {
  /** Heading of the panel (an h2: pages have one h1 from the page header). */
  title?: ReactNode;
  description?: ReactNode;
  /** Right-aligned buttons in the panel's header. */
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
}

/** A titled card for a detail page's sections (properties, counts, related lists). */
export function Panel({ title, description, actions, children, className }: PanelProps) {
  return (
    <section className={cn('rounded-lg border border-border bg-surface shadow-card', className)} aria-label={typeof title === 'string' ? title : undefined}>
      {title || actions ? (
        <header className="flex flex-wrap items-start justify-between gap-3 border-b border-border px-5 py-3.5">
          <div className="min-w-0">
            {title ? <h2 className="text-sm font-semibold text-fg">{title}</h2> : null}
            {description ? <p className="mt-0.5 text-[0.8125rem] text-fg-muted">{description}</p> : null}
          </div>
          {actions ? <div className="flex flex-wrap items-center gap-2">{actions}</div> : null}
        </header>
      ) : null}
      <div className="px-5 py-4">{children}</div>
    </section>
  );
}
