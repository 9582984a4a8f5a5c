import { cn } from '@nimbus/ui';

/** An accessible used/limit bar (a meter): amber from 75 %, red from 90 %; -1 = unlimited. */
export function UsageBar({ label, used, limit, unit = '', className }: { label: string; used: number; limit: number; unit?: string; className?: string }) {
  const unlimited = limit < 0;
  const pct = unlimited || limit === 0 ? (used > 0 && limit === 0 ? 100 : 0) : Math.min(100, (used / limit) * 100);
  const tone = pct >= 90 ? 'bg-danger' : pct >= 75 ? 'bg-status-warning' : 'bg-primary';
  const text = unlimited ? `${used.toLocaleString()}${unit} used (no limit)` : `${used.toLocaleString()}${unit} of ${limit.toLocaleString()}${unit}`;
  return (
    <div className={cn('flex flex-col gap-1', className)}>
      <div className="flex items-baseline justify-between gap-2 text-sm">
        <span className="font-medium">{label}</span>
        <span className="text-xs text-fg-muted">{text}</span>
      </div>
      <div
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={unlimited ? undefined : limit}
        aria-valuenow={used}
        aria-valuetext={text}
        className="h-2 overflow-hidden rounded-full bg-surface-2"
      >
        <div className={cn('h-full rounded-full', tone)} style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}
