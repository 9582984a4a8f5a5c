import type { TableSpec, TableState } from '../table/url-state';

export const GROUP_SORTS = ['name', 'description', 'domain', 'id'] as const;
export type GroupSort = (typeof GROUP_SORTS)[number];
export const groupsTableSpec: TableSpec<GroupSort, never> = { sorts: GROUP_SORTS, defaultSort: 'name' };

export function groupsListInput(state: TableState<GroupSort, never>) {
  return { page: state.page, pageSize: state.pageSize, sort: state.sort, dir: state.dir, ...(state.q ? { q: state.q } : {}) };
}
export type GroupsListInput = ReturnType<typeof groupsListInput>;

export const MEMBER_SORTS = ['name', 'email', 'enabled'] as const;
export type MemberSort = (typeof MEMBER_SORTS)[number];
export const membersTableSpec: TableSpec<MemberSort, never> = { sorts: MEMBER_SORTS, defaultSort: 'name' };

export function membersListInput(groupId: string, state: TableState<MemberSort, never>) {
  return { groupId, page: state.page, pageSize: state.pageSize, sort: state.sort, dir: state.dir, ...(state.q ? { q: state.q } : {}) };
}
export type MembersListInput = ReturnType<typeof membersListInput>;
