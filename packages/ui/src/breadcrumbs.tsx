import type { ElementType, ReactNode } from 'react';
import { ChevronRight } from 'lucide-react';
import { cn } from './cn';

export interface Crumb {
  label: ReactNode;
  href?: string;
}

export interface BreadcrumbsProps {
  items: readonly Crumb[];
  /** Link component (e.g. Next's Link) for client-side navigation; defaults to <a>. */
  linkAs?: ElementType;
  className?: string;
}

/** The last item is the current page (aria-current) and is never a link. */
export function Breadcrumbs({ items, linkAs: Link = 'a', className }: BreadcrumbsProps) {
  return (
    <nav aria-label="Breadcrumb" className={cn('min-w-0', className)}>
      <ol className="flex min-w-0 items-center gap-1 text-[0.8125rem] text-fg-subtle">
        {items.map((item, i) => {
          const last = i === items.length - 1;
          return (
            <li key={i} className={cn('flex min-w-0 items-center gap-1', !last && 'shrink-0')}>
              {last || !item.href ? (
                <span aria-current={last ? 'page' : undefined} className={cn('truncate', last && 'font-medium text-fg')}>
                  {item.label}
                </span>
              ) : (
                <Link href={item.href} className="rounded-sm hover:text-fg hover:underline">
                  {item.label}
                </Link>
              )}
              {last ? null : <ChevronRight aria-hidden="true" className="size-3.5 shrink-0" />}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
