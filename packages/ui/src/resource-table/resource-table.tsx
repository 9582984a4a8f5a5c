'use client';

import {
  flexRender,
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type RowData,
  type RowSelectionState,
  type SortingState,
} from '@tanstack/react-table';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { ArrowDown, ArrowUp, ArrowUpDown } from 'lucide-react';
import { cn } from '../cn';
import { ActionMenu, type ActionItem } from '../action-menu';
import { Button } from '../button';
import { Pagination, type PaginationProps } from '../pager';
import { Skeleton } from '../skeleton';
import { EmptyState, ErrorState } from '../states';
import { Tooltip } from '../tooltip';
import { FilterBar, type FilterBarProps } from './filter-bar';

declare module '@tanstack/react-table' {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData extends RowData, TValue> {
    /** Classes for this column's cells (width, alignment, truncation). */
    className?: string;
    /** Classes for the header cell only. */
    headerClassName?: string;
  }
}

/**
 * A column of a resource table. Each column's value type differs, and TanStack's own helpers
 * produce ColumnDef<T, V> for a specific V, which `unknown` does not accept; hence `any` here.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ResourceColumn<T> = ColumnDef<T, any>;

export interface BatchAction<T> {
  id: string;
  label: string;
  icon?: ReactNode;
  danger?: boolean;
  onSelect: (rows: T[]) => void;
  /** Return a reason to disable the action for this selection (shown as a tooltip). */
  disabledReason?: (rows: T[]) => string | undefined;
}

export interface ResourceTableProps<T> extends Omit<FilterBarProps, 'label' | 'actions' | 'onRefresh' | 'refreshing'> {
  /** Plural resource name ("Projects"): the table's caption and the filter's label. */
  label: string;
  columns: ResourceColumn<T>[];
  /** undefined while the first page loads. */
  data: readonly T[] | undefined;
  getRowId: (row: T) => string;
  /** True while a page is being fetched (first load shows skeleton rows, later ones dim the rows). */
  loading?: boolean;
  /** Load failure; the message is shown with a retry button when onRetry is given. */
  error?: { message: string; requestId?: string | undefined } | null | undefined;
  onRetry?: () => void;
  /** Server-side sort: one column at a time. */
  sorting?: SortingState;
  onSortingChange?: (sorting: SortingState) => void;
  /** Per-row menu; returning [] hides the menu for that row. */
  rowActions?: (row: T) => ActionItem[];
  /** Accessible name for a row (used in checkbox and menu labels); defaults to its id. */
  getRowLabel?: (row: T) => string;
  batchActions?: readonly BatchAction<T>[];
  /** Primary actions beside the filter ("Create project"). */
  toolbar?: ReactNode;
  onRefresh?: () => void;
  pagination?: PaginationProps;
  /** Shown when the server returns no rows and nothing is filtered. */
  emptyState?: ReactNode;
  /** Number of skeleton rows on first load; defaults to the page size so the height is final. */
  skeletonRows?: number;
  className?: string;
}

const ROW = 'h-row border-b border-border last:border-b-0';
const CELL = 'px-3 align-middle whitespace-nowrap';

/**
 * Server-driven resource list (TanStack Table in manual mode: the server sorts, filters and pages;
 * the table only renders and reports intent). Rows have a fixed height so loading, refetching and
 * paging never move the layout; on narrow screens the table scrolls horizontally inside its card.
 */
export function ResourceTable<T>(props: ResourceTableProps<T>) {
  const {
    label, columns, data, getRowId, loading = false, error, onRetry, sorting = [], onSortingChange,
    rowActions, getRowLabel, batchActions = [], toolbar, onRefresh, pagination, emptyState, skeletonRows, className,
    ...filterProps
  } = props;

  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  const rows = useMemo(() => (data ?? []) as T[], [data]);
  const rowLabel = (row: T) => getRowLabel?.(row) ?? getRowId(row);

  // Selection is per page: rows that left the page (paging, filtering, deletion) drop out of it.
  useEffect(() => {
    setRowSelection((current) => {
      const visible = new Set(rows.map(getRowId));
      const kept = Object.fromEntries(Object.entries(current).filter(([id]) => visible.has(id)));
      return Object.keys(kept).length === Object.keys(current).length ? current : kept;
    });
  }, [rows, getRowId]);

  const allColumns = useMemo<ResourceColumn<T>[]>(() => {
    const list: ResourceColumn<T>[] = [];
    if (batchActions.length > 0) {
      list.push({
        id: '_select',
        enableSorting: false,
        meta: { className: 'w-10 pr-0', headerClassName: 'w-10 pr-0' },
        header: ({ table }) => (
          <input
            type="checkbox"
            aria-label={`Select all ${label.toLowerCase()} on this page`}
            className="size-4 cursor-pointer align-middle accent-primary"
            checked={table.getIsAllRowsSelected()}
            ref={(el) => {
              if (el) el.indeterminate = table.getIsSomeRowsSelected();
            }}
            onChange={table.getToggleAllRowsSelectedHandler()}
            disabled={table.getRowModel().rows.length === 0}
          />
        ),
        cell: ({ row }) => (
          <input
            type="checkbox"
            aria-label={`Select ${rowLabel(row.original)}`}
            className="size-4 cursor-pointer align-middle accent-primary"
            checked={row.getIsSelected()}
            onChange={row.getToggleSelectedHandler()}
          />
        ),
      });
    }
    list.push(...columns);
    if (rowActions) {
      list.push({
        id: '_actions',
        enableSorting: false,
        header: () => <span className="sr-only">Actions</span>,
        meta: { className: 'w-12 text-right pr-2', headerClassName: 'w-12' },
        cell: ({ row }) => {
          const items = rowActions(row.original);
          return items.length > 0 ? <ActionMenu items={items} label={`Actions for ${rowLabel(row.original)}`} /> : null;
        },
      });
    }
    return list;
    // rowLabel is derived from props that are stable in practice; columns drive the rebuild.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [columns, rowActions, batchActions.length, label]);

  const table = useReactTable<T>({
    data: rows,
    columns: allColumns,
    getRowId: (row) => getRowId(row),
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    manualFiltering: true,
    manualPagination: true,
    enableMultiSort: false,
    enableSortingRemoval: false,
    enableRowSelection: batchActions.length > 0,
    state: { sorting, rowSelection },
    onSortingChange: (updater) => onSortingChange?.(typeof updater === 'function' ? updater(sorting) : updater),
    onRowSelectionChange: setRowSelection,
  });

  const selected = table.getSelectedRowModel().rows.map((r) => r.original);
  const columnCount = allColumns.length;
  const firstLoad = data === undefined && !error;
  const filtered = Boolean(filterProps.filterText) || (filterProps.selectFilters ?? []).some((f) => f.value !== '');
  const skeletonCount = skeletonRows ?? pagination?.pageSize ?? 10;

  let body: ReactNode;
  if (error) {
    body = (
      <FullWidthRow colSpan={columnCount}>
        <ErrorState
          title={`Could not load ${label.toLowerCase()}`}
          message={error.message}
          requestId={error.requestId}
          action={onRetry ? <Button onClick={onRetry}>Try again</Button> : undefined}
        />
      </FullWidthRow>
    );
  } else if (firstLoad) {
    body = Array.from({ length: skeletonCount }, (_, i) => (
      <tr key={i} className={ROW}>
        {table.getVisibleLeafColumns().map((column) => (
          <td key={column.id} className={cn(CELL, column.columnDef.meta?.className)}>
            <Skeleton className={cn('h-3.5', column.id.startsWith('_') ? 'w-4' : i % 3 === 0 ? 'w-3/4' : 'w-1/2')} />
          </td>
        ))}
      </tr>
    ));
  } else if (rows.length === 0) {
    body = (
      <FullWidthRow colSpan={columnCount}>
        {filtered ? (
          <EmptyState
            title={`No ${label.toLowerCase()} match the filter`}
            description="Try a different name or clear the filters."
            action={
              filterProps.onFilterTextChange ? (
                <Button
                  onClick={() => {
                    filterProps.onFilterTextChange?.('');
                    filterProps.selectFilters?.forEach((f) => f.onChange(''));
                  }}
                >
                  Clear filters
                </Button>
              ) : undefined
            }
          />
        ) : (
          emptyState ?? <EmptyState title={`No ${label.toLowerCase()} yet`} />
        )}
      </FullWidthRow>
    );
  } else {
    body = table.getRowModel().rows.map((row) => (
      <tr
        key={row.id}
        aria-selected={batchActions.length > 0 ? row.getIsSelected() : undefined}
        className={cn(ROW, 'hover:bg-surface-hover', row.getIsSelected() && 'bg-primary-soft hover:bg-primary-soft')}
      >
        {row.getVisibleCells().map((cell) => (
          <td key={cell.id} className={cn(CELL, cell.column.columnDef.meta?.className)}>
            {flexRender(cell.column.columnDef.cell, cell.getContext())}
          </td>
        ))}
      </tr>
    ));
  }

  return (
    <section aria-label={label} className={cn('flex flex-col gap-3', className)}>
      {/* While rows are selected the batch bar takes the filter bar's place, so the table doesn't
          move; the filter bar stays mounted (hidden) to keep what was typed. */}
      <div hidden={selected.length > 0}>
        <FilterBar label={label} {...filterProps} onRefresh={onRefresh} refreshing={loading && !firstLoad} actions={toolbar} />
      </div>
      {selected.length > 0 ? (
        <BatchBar selected={selected} actions={batchActions} onClear={() => table.resetRowSelection()} />
      ) : null}
      <div className="overflow-hidden rounded-lg border border-border bg-surface shadow-card">
        <div className="@container overflow-x-auto">
          <table className="w-full min-w-[40rem] border-collapse text-left text-sm" aria-busy={loading || undefined} aria-rowcount={firstLoad ? -1 : undefined}>
            <caption className="sr-only">{label}</caption>
            <thead className="bg-surface-2 text-[0.8125rem] text-fg-muted">
              {table.getHeaderGroups().map((group) => (
                <tr key={group.id} className="h-10 border-b border-border">
                  {group.headers.map((header) => {
                    const sortable = header.column.getCanSort() && Boolean(onSortingChange);
                    const dir = header.column.getIsSorted();
                    return (
                      <th
                        key={header.id}
                        scope="col"
                        aria-sort={sortable ? (dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none') : undefined}
                        className={cn(CELL, 'font-medium', header.column.columnDef.meta?.headerClassName)}
                      >
                        {header.isPlaceholder ? null : sortable ? (
                          <button
                            type="button"
                            onClick={header.column.getToggleSortingHandler()}
                            className="-mx-1.5 inline-flex items-center gap-1 rounded-sm px-1.5 py-1 hover:bg-surface-hover hover:text-fg"
                          >
                            {flexRender(header.column.columnDef.header, header.getContext())}
                            {dir === 'asc' ? (
                              <ArrowUp aria-hidden="true" className="size-3.5 text-fg" />
                            ) : dir === 'desc' ? (
                              <ArrowDown aria-hidden="true" className="size-3.5 text-fg" />
                            ) : (
                              <ArrowUpDown aria-hidden="true" className="size-3.5 opacity-45" />
                            )}
                          </button>
                        ) : (
                          flexRender(header.column.columnDef.header, header.getContext())
                        )}
                      </th>
                    );
                  })}
                </tr>
              ))}
            </thead>
            <tbody className={cn('transition-opacity', loading && !firstLoad && 'opacity-60')}>{body}</tbody>
          </table>
        </div>
        {pagination && !error ? (
          <div className="border-t border-border px-3 py-2">
            <Pagination {...pagination} busy={pagination.busy ?? loading} />
          </div>
        ) : null}
      </div>
    </section>
  );
}

function FullWidthRow({ colSpan, children }: { colSpan: number; children: ReactNode }) {
  return (
    <tr>
      <td colSpan={colSpan} className="p-0">
        {/* A message, not data: it stays in view (as wide as the scroller) when narrow screens scroll the table sideways. */}
        <div className="sticky left-0 max-w-[100cqw]">{children}</div>
      </td>
    </tr>
  );
}

function BatchBar<T>({ selected, actions, onClear }: { selected: T[]; actions: readonly BatchAction<T>[]; onClear: () => void }) {
  return (
    <div
      role="region"
      aria-label="Selected items"
      className="flex min-h-9 flex-wrap items-center gap-2 rounded-md bg-primary-soft px-3 py-0.5 text-sm ring-1 ring-inset ring-primary/25"
    >
      <p className="font-medium text-fg" aria-live="polite">{selected.length} selected</p>
      <div className="flex flex-wrap items-center gap-2 sm:ml-2">
        {actions.map((action) => {
          const reason = action.disabledReason?.(selected);
          const button = (
            <Button
              size="sm"
              variant={action.danger ? 'danger' : 'secondary'}
              icon={action.icon}
              aria-disabled={reason ? true : undefined}
              aria-description={reason}
              onClick={() => {
                if (!reason) action.onSelect(selected);
              }}
            >
              {action.label}
            </Button>
          );
          return reason ? <Tooltip key={action.id} content={reason}>{button}</Tooltip> : <span key={action.id}>{button}</span>;
        })}
      </div>
      <Button size="sm" variant="ghost" className="ml-auto" onClick={onClear}>
        Clear selection
      </Button>
    </div>
  );
}
