import { cn } from '@nimbus/ui';

/** nimbus product mark: a cloud made of three stacked arcs. Inline SVG, so it costs no request. */
export function NimbusMark({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" aria-hidden="true" className={cn('size-7 shrink-0', className)}>
      <rect width="32" height="32" rx="8" fill="#2456c7" />
      <path
        d="M10.5 22.5h11.2a4.3 4.3 0 0 0 .6-8.56A6.2 6.2 0 0 0 10.4 15a3.8 3.8 0 0 0 .1 7.5Z"
        fill="#fff"
      />
      <path d="M12.5 19.3h7.2" stroke="#2456c7" strokeWidth="1.6" strokeLinecap="round" />
    </svg>
  );
}

export function NimbusWordmark({ className, markClassName }: { className?: string; markClassName?: string }) {
  return (
    <span className={cn('inline-flex items-center gap-2 font-semibold tracking-tight', className)}>
      <NimbusMark className={markClassName} />
      <span>nimbus</span>
    </span>
  );
}
