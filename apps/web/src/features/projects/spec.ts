import type { TableSpec, TableState } from '../table/url-state';

export const PROJECT_SORTS = ['name', 'description', 'domain', 'enabled', 'id'] as const;
export type ProjectSort = (typeof PROJECT_SORTS)[number];

export const projectsTableSpec: TableSpec<ProjectSort, 'enabled'> = {
  sorts: PROJECT_SORTS,
  defaultSort: 'name',
  filters: { enabled: ['true', 'false'] },
};

/** The tRPC input for a URL state; the server page and the client compute it the same way. */
export function projectsListInput(state: TableState<ProjectSort, 'enabled'>) {
  return {
    page: state.page,
    pageSize: state.pageSize,
    sort: state.sort,
    dir: state.dir,
    ...(state.q ? { q: state.q } : {}),
    ...(state.filters.enabled ? { enabled: state.filters.enabled === 'true' } : {}),
  };
}
export type ProjectsListInput = ReturnType<typeof projectsListInput>;
