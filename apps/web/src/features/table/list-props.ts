import type { TableUrlState } from './use-table-url-state';

interface ListQuery<T> {
  data?: { items: T[]; total: number; page: number } | undefined;
  isFetching: boolean;
  error: { message: string } | null;
  refetch: () => unknown;
}

/**
 * The ResourceTable props every server-paged list shares: rows, loading/error state, sorting,
 * the filter box and the pager, all wired to the URL state.
 */
export function listTableProps<T, S extends string, F extends string>(table: TableUrlState<S, F>, list: ListQuery<T>, serverError?: string) {
  const data = list.data;
  return {
    data: data?.items,
    loading: list.isFetching,
    error: list.error ? { message: list.error.message } : !data && serverError ? { message: serverError } : null,
    onRetry: () => void list.refetch(),
    onRefresh: () => void list.refetch(),
    sorting: table.sorting,
    onSortingChange: table.onSortingChange,
    filterText: table.filterText,
    onFilterTextChange: table.onFilterTextChange,
    pagination: table.pagination(data ? { total: data.total, page: data.page, rowCount: data.items.length } : undefined),
  };
}

/** The "Enabled" select filter of projects and users. */
export function enabledFilter<S extends string>(table: TableUrlState<S, 'enabled'>) {
  return {
    id: 'enabled',
    label: 'Enabled',
    allLabel: 'Enabled and disabled',
    options: [
      { value: 'true', label: 'Yes' },
      { value: 'false', label: 'No' },
    ],
    value: table.state.filters.enabled,
    onChange: (value: string) => table.update({ filters: { enabled: value } as Partial<Record<'enabled', string>> }),
  };
}
