import type { TableSpec, TableState } from '../table/url-state';

export const USER_SORTS = ['name', 'email', 'enabled', 'domain', 'defaultProject', 'id'] as const;
export type UserSort = (typeof USER_SORTS)[number];

export const usersTableSpec: TableSpec<UserSort, 'enabled'> = {
  sorts: USER_SORTS,
  defaultSort: 'name',
  filters: { enabled: ['true', 'false'] },
};

export function usersListInput(state: TableState<UserSort, 'enabled'>) {
  return {
    page: state.page,
    pageSize: state.pageSize,
    sort: state.sort,
    dir: state.dir,
    ...(state.q ? { q: state.q } : {}),
    ...(state.filters.enabled ? { enabled: state.filters.enabled === 'true' } : {}),
  };
}
export type UsersListInput = ReturnType<typeof usersListInput>;
