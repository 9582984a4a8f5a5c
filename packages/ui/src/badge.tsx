import type { ReactNode } from 'react';
import { CircleCheck, CircleMinus, CircleX, LoaderCircle, TriangleAlert } from 'lucide-react';
import { cn } from './cn';
import { statusLabel, statusTone, type StatusTone } from './status';

export type BadgeTone = StatusTone | 'neutral' | 'primary';

const TONES: Record<BadgeTone, string> = {
  active: 'bg-status-active-bg text-status-active',
  building: 'bg-status-building-bg text-status-building',
  error: 'bg-status-error-bg text-status-error',
  warning: 'bg-status-warning-bg text-status-warning',
  shutoff: 'bg-status-shutoff-bg text-status-shutoff',
  neutral: 'bg-surface-2 text-fg-muted ring-1 ring-inset ring-border',
  primary: 'bg-primary-soft text-primary',
};

export function Badge({ tone = 'neutral', children, className }: { tone?: BadgeTone; children: ReactNode; className?: string }) {
  return (
    <span
      className={cn(
        'inline-flex h-6 max-w-full items-center gap-1 whitespace-nowrap rounded-full px-2 text-xs font-medium',
        TONES[tone],
        className,
      )}
    >
      {children}
    </span>
  );
}

const ICONS: Record<StatusTone, typeof CircleCheck> = {
  active: CircleCheck,
  building: LoaderCircle,
  error: CircleX,
  warning: TriangleAlert,
  shutoff: CircleMinus,
};

export interface StatusBadgeProps {
  /** Raw OpenStack status (ACTIVE, BUILD, in-use, enabled, ...). */
  status: string | null | undefined;
  /** Overrides the derived label (e.g. "Enabled" for a boolean). */
  label?: string;
  className?: string;
}

/** Status as colour + icon + text, so it never relies on colour alone. */
export function StatusBadge({ status, label, className }: StatusBadgeProps) {
  const tone = statusTone(status);
  const Icon = ICONS[tone];
  return (
    <Badge tone={tone} className={className}>
      <Icon aria-hidden="true" className={cn('size-3.5 shrink-0', tone === 'building' && 'animate-spin [animation-duration:1.6s]')} />
      <span className="truncate">{label ?? statusLabel(status)}</span>
    </Badge>
  );
}
