'use client';

import { ChevronLeft, ChevronRight } from 'lucide-react';
import { useId } from 'react';
import { cn } from './cn';
import { selectChevron } from './field';
import { DEFAULT_PAGE_SIZES, rangeLabel } from './pagination';

export interface PaginationProps {
  /** 1-based first and last row on this page (see pageInfo / markerPage). */
  from: number;
  to: number;
  /** Total rows, when the server gives one. */
  total?: number | undefined;
  hasPrev: boolean;
  hasNext: boolean;
  onPrev: () => void;
  onNext: () => void;
  pageSize: number;
  pageSizeOptions?: readonly number[];
  onPageSizeChange?: (size: number) => void;
  /** Disables the buttons while the next page loads. */
  busy?: boolean;
  className?: string;
}

/**
 * Prev / next + page size. Works for offset and marker paging alike: it never needs page numbers,
 * which OpenStack's marker-based lists cannot give.
 */
export function Pagination({
  from, to, total, hasPrev, hasNext, onPrev, onNext, pageSize,
  pageSizeOptions = DEFAULT_PAGE_SIZES, onPageSizeChange, busy = false, className,
}: PaginationProps) {
  const sizeId = useId();
  const navButton = cn(
    'flex h-8 items-center gap-1 rounded-md border border-border-strong bg-surface px-2 text-[0.8125rem] font-medium text-fg',
    'hover:bg-surface-hover disabled:cursor-not-allowed disabled:opacity-45 disabled:hover:bg-surface',
  );
  return (
    <nav aria-label="Pagination" className={cn('flex flex-wrap items-center justify-between gap-3 text-[0.8125rem] text-fg-muted', className)}>
      <p aria-live="polite" className="tabular-nums">
        {rangeLabel({ from, to }, total)}
      </p>
      <div className="flex items-center gap-3">
        {onPageSizeChange ? (
          <div className="flex items-center gap-2">
            <label htmlFor={sizeId} className="whitespace-nowrap">Rows per page</label>
            <select
              id={sizeId}
              value={pageSize}
              onChange={(e) => onPageSizeChange(Number(e.target.value))}
              className={cn('h-8 rounded-md border border-border-strong bg-surface pl-2 text-[0.8125rem] text-fg', selectChevron)}
            >
              {pageSizeOptions.map((size) => (
                <option key={size} value={size}>{size}</option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="flex items-center gap-1.5">
          <button type="button" className={navButton} onClick={onPrev} disabled={!hasPrev || busy} aria-label="Previous page">
            <ChevronLeft aria-hidden="true" className="size-4" />
            <span className="hidden sm:inline">Previous</span>
          </button>
          <button type="button" className={navButton} onClick={onNext} disabled={!hasNext || busy} aria-label="Next page">
            <span className="hidden sm:inline">Next</span>
            <ChevronRight aria-hidden="true" className="size-4" />
          </button>
        </div>
      </div>
    </nav>
  );
}
