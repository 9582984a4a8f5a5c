import { cn } from '@nimbus/ui';

/** nimbus product mark: a white cloud on the primary colour. Inline SVG, so it costs no request. */
export function NimbusMark({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" aria-hidden="true" className={cn('size-7 shrink-0', className)}>
      <rect width="32" height="32" rx="8" fill="#2456c7" />
      <path d="M21.6 23H12a6.5 6.5 0 1 1 6.2-8.4h1.5a4.2 4.2 0 1 1 1.9 8.4Z" fill="#fff" />
    </svg>
  );
}

export function NimbusWordmark({ className, markClassName }: { className?: string; markClassName?: string }) {
  return (
    <span className={cn('inline-flex items-center gap-2 font-semibold leading-none tracking-tight', className)}>
      <NimbusMark className={markClassName} />
      <span>nimbus</span>
    </span>
  );
}
