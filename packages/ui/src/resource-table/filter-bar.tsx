'use client';

import { useId, useState, type ReactNode } from 'react';
import { RefreshCw, Search, X } from 'lucide-react';
import { cn } from '../cn';
import { controlClasses, selectClasses, type SelectOption } from '../field';
import { IconButton } from '../icon-button';
import { useDebouncedCallback } from '../use-debounced-callback';

export interface SelectFilter {
  id: string;
  /** Accessible label ("Status"); the empty option reads "All <label lowercased>" unless given. */
  label: string;
  options: readonly SelectOption[];
  value: string;
  onChange: (value: string) => void;
  allLabel?: string;
}

export interface FilterBarProps {
  /** What is being filtered, for the search box's label ("Filter projects"). */
  label: string;
  filterText?: string | undefined;
  onFilterTextChange?: ((text: string) => void) | undefined;
  filterPlaceholder?: string | undefined;
  selectFilters?: readonly SelectFilter[] | undefined;
  onRefresh?: (() => void) | undefined;
  refreshing?: boolean | undefined;
  /** Right-aligned slot, typically the "Create ..." button. */
  actions?: ReactNode;
  debounceMs?: number;
}

export function FilterBar({
  label, filterText = '', onFilterTextChange, filterPlaceholder, selectFilters = [], onRefresh, refreshing, actions, debounceMs = 250,
}: FilterBarProps) {
  const inputId = useId();
  const [text, setText] = useState(filterText);
  const [seen, setSeen] = useState(filterText);
  const emit = useDebouncedCallback((value: string) => onFilterTextChange?.(value), debounceMs);

  // Follow outside changes (a "Clear filters" button, browser back restoring the URL): adjusting
  // state while rendering avoids an extra effect pass.
  if (filterText !== seen) {
    setSeen(filterText);
    setText(filterText);
  }

  return (
    <div className="flex flex-wrap items-center gap-2">
      {onFilterTextChange ? (
        <div className="relative order-1 min-w-0 flex-[1_1_10rem] sm:order-none sm:max-w-xs">
          <label htmlFor={inputId} className="sr-only">{`Filter ${label.toLowerCase()}`}</label>
          <Search aria-hidden="true" className="pointer-events-none absolute left-2.5 top-1/2 size-4 -translate-y-1/2 text-fg-subtle" />
          <input
            id={inputId}
            type="search"
            value={text}
            placeholder={filterPlaceholder ?? 'Filter by name'}
            onChange={(e) => {
              setText(e.target.value);
              emit(e.target.value);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') emit.flush(text);
              if (e.key === 'Escape' && text) {
                setText('');
                emit.flush('');
              }
            }}
            className={cn(controlClasses, 'h-9 pl-8 pr-8 [&::-webkit-search-cancel-button]:appearance-none')}
          />
          {text ? (
            <button
              type="button"
              aria-label="Clear filter"
              onClick={() => {
                setText('');
                emit.flush('');
              }}
              className="absolute right-1 top-1/2 flex size-7 -translate-y-1/2 items-center justify-center rounded-md text-fg-subtle hover:text-fg"
            >
              <X aria-hidden="true" className="size-3.5" />
            </button>
          ) : null}
        </div>
      ) : null}
      {selectFilters.map((f) => (
        <SelectFilterControl key={f.id} filter={f} />
      ))}
      {onRefresh ? (
        <IconButton aria-label="Refresh" className="order-3 sm:order-none" variant="secondary" icon={<RefreshCw className={cn('size-4', refreshing && 'animate-spin')} />} onClick={onRefresh} />
      ) : null}
      {/* On phones the primary action shares the first row with the search box. */}
      {actions ? <div className="order-2 ml-auto flex flex-wrap items-center gap-2 sm:order-last">{actions}</div> : null}
    </div>
  );
}

function SelectFilterControl({ filter }: { filter: SelectFilter }) {
  const id = useId();
  return (
    <div className="order-3 min-w-0 sm:order-none">
      <label htmlFor={id} className="sr-only">{filter.label}</label>
      <select
        id={id}
        value={filter.value}
        onChange={(e) => filter.onChange(e.target.value)}
        className={selectClasses}
      >
        <option value="">{filter.allLabel ?? `All ${filter.label.toLowerCase()}`}</option>
        {filter.options.map((o) => (
          <option key={o.value} value={o.value}>{`${filter.label}: ${o.label}`}</option>
        ))}
      </select>
    </div>
  );
}
