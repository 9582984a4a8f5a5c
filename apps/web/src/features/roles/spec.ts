import type { TableSpec, TableState } from '../table/url-state';

export const ROLE_SORTS = ['name', 'description', 'id'] as const;
export type RoleSort = (typeof ROLE_SORTS)[number];
export const rolesTableSpec: TableSpec<RoleSort, never> = { sorts: ROLE_SORTS, defaultSort: 'name' };

export function rolesListInput(state: TableState<RoleSort, never>) {
  return { page: state.page, pageSize: state.pageSize, sort: state.sort, dir: state.dir, ...(state.q ? { q: state.q } : {}) };
}
export type RolesListInput = ReturnType<typeof rolesListInput>;
