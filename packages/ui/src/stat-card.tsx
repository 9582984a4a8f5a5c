import type { ElementType, ReactNode } from 'react';
import { cn } from './cn';

export interface StatCardProps {
  label: ReactNode;
  value: ReactNode;
  /** Small print under the number ("2 disabled"). */
  detail?: ReactNode;
  /** Makes the card a link to the list it counts. */
  href?: string;
  /** Link component (Next's Link) for client-side navigation; defaults to <a>. */
  linkAs?: ElementType;
  className?: string;
}

/** One figure of an overview page. As a link, the whole card is the target and the label its name. */
export function StatCard({ label, value, detail, href, linkAs: Link = 'a', className }: StatCardProps) {
  const body = (
    <>
      <span className="block text-[0.8125rem] font-medium text-fg-muted">{label}</span>
      <span className="mt-1 block text-2xl font-semibold tabular-nums text-fg">{value}</span>
      {detail ? <span className="mt-0.5 block text-[0.8125rem] text-fg-subtle">{detail}</span> : null}
    </>
  );
  const classes = cn('block rounded-lg border border-border bg-surface px-4 py-3.5 shadow-card', className);
  return href ? (
    <Link href={href} className={cn(classes, 'hover:border-border-strong hover:bg-surface-hover')}>
      {body}
    </Link>
  ) : (
    <div className={classes}>{body}</div>
  );
}
