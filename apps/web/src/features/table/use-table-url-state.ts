'use client';

import { usePathname, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import { pageInfo, type PaginationProps, type ResourceTableProps } from '@nimbus/ui';
import { applyPatch, parseTableState, serializeTableState, type TablePatch, type TableSpec, type TableState } from './url-state';

type SortingState = NonNullable<ResourceTableProps<unknown>['sorting']>;

export interface TableUrlState<S extends string, F extends string> {
  state: TableState<S, F>;
  update: (patch: TablePatch<S, F>) => void;
  /** Props for ResourceTable's sorting, filter box and pager. */
  sorting: SortingState;
  onSortingChange: (sorting: SortingState) => void;
  filterText: string;
  onFilterTextChange: (text: string) => void;
  pagination: (page: { total: number; page: number; rowCount: number } | undefined) => PaginationProps;
}

/**
 * The list's state, read from and written to the URL. Changes use the History API directly, which
 * Next keeps in sync with useSearchParams without a server round trip; each change is a history
 * entry, so Back undoes a page move or a filter.
 */
export function useTableUrlState<S extends string, F extends string>(spec: TableSpec<S, F>): TableUrlState<S, F> {
  const params = useSearchParams();
  const pathname = usePathname();
  const state = useMemo(() => parseTableState(params, spec), [params, spec]);

  const update = useCallback(
    (patch: TablePatch<S, F>) => {
      const next = applyPatch(state, patch);
      const qs = serializeTableState(next, spec);
      const url = qs ? `${pathname}?${qs}` : pathname;
      if (url !== `${window.location.pathname}${window.location.search}`) window.history.pushState(null, '', url);
    },
    [state, spec, pathname],
  );

  return {
    state,
    update,
    sorting: [{ id: state.sort, desc: state.dir === 'desc' }],
    onSortingChange: (sorting) => {
      const first = sorting[0];
      if (first && (spec.sorts as readonly string[]).includes(first.id)) update({ sort: first.id as S, dir: first.desc ? 'desc' : 'asc' });
    },
    filterText: state.q,
    onFilterTextChange: (q) => update({ q: q.trim() }),
    pagination: (page) => {
      const current = page?.page ?? state.page;
      const info = pageInfo({ page: current, pageSize: state.pageSize, rowCount: page?.rowCount ?? 0, total: page?.total ?? 0 });
      return {
        from: info.from,
        to: info.to,
        total: page?.total,
        hasPrev: page !== undefined && info.hasPrev,
        hasNext: page !== undefined && info.hasNext,
        onPrev: () => update({ page: Math.max(1, current - 1) }),
        onNext: () => update({ page: current + 1 }),
        pageSize: state.pageSize,
        pageSizeOptions: spec.pageSizes ?? [20, 50, 100],
        onPageSizeChange: (pageSize) => update({ pageSize }),
      };
    },
  };
}
