import type { TableSpec, TableState } from '../table/url-state';

export const FLAVOR_SORTS = ['name', 'vcpus', 'ram', 'disk', 'public'] as const;
export type FlavorSort = (typeof FLAVOR_SORTS)[number];

export const flavorsTableSpec: TableSpec<FlavorSort, 'public'> = { sorts: FLAVOR_SORTS, defaultSort: 'vcpus', filters: { public: ['true', 'false'] } };

export function flavorsListInput(state: TableState<FlavorSort, 'public'>) {
  return {
    page: state.page,
    pageSize: state.pageSize,
    sort: state.sort,
    dir: state.dir,
    ...(state.q ? { q: state.q } : {}),
    ...(state.filters.public ? { isPublic: state.filters.public === 'true' } : {}),
  };
}
export type FlavorsListInput = ReturnType<typeof flavorsListInput>;
