import type { TableSpec, TableState } from '../table/url-state';

export const SERVER_SORTS = ['name', 'status', 'created', 'az', 'project'] as const;
export type ServerSort = (typeof SERVER_SORTS)[number];
export const SERVER_STATUSES = ['ACTIVE', 'BUILD', 'SHUTOFF', 'PAUSED', 'SUSPENDED', 'REBOOT', 'HARD_REBOOT', 'VERIFY_RESIZE', 'ERROR'] as const;

export const instancesTableSpec: TableSpec<ServerSort, 'status'> = {
  sorts: SERVER_SORTS,
  defaultSort: 'created',
  defaultDir: 'desc',
  filters: { status: SERVER_STATUSES },
};

export function instancesListInput(state: TableState<ServerSort, 'status'>, allProjects = false) {
  return {
    page: state.page,
    pageSize: state.pageSize,
    sort: state.sort,
    dir: state.dir,
    ...(state.q ? { q: state.q } : {}),
    ...(state.filters.status ? { status: state.filters.status } : {}),
    ...(allProjects ? { allProjects: true } : {}),
  };
}
export type InstancesListInput = ReturnType<typeof instancesListInput>;
