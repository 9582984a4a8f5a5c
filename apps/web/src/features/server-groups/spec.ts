import type { TableSpec, TableState } from '../table/url-state';

export const SERVER_GROUP_SORTS = ['name', 'policy', 'created'] as const;
export type ServerGroupSort = (typeof SERVER_GROUP_SORTS)[number];

export const serverGroupsTableSpec: TableSpec<ServerGroupSort> = { sorts: SERVER_GROUP_SORTS, defaultSort: 'name' };

export function serverGroupsListInput(state: TableState<ServerGroupSort>) {
  return { page: state.page, pageSize: state.pageSize, sort: state.sort, dir: state.dir, ...(state.q ? { q: state.q } : {}) };
}
export type ServerGroupsListInput = ReturnType<typeof serverGroupsListInput>;

/** The policies as the console names them, with what each does to the members' placement. */
export const POLICY_OPTIONS = [
  { value: 'anti-affinity', label: 'Anti-affinity', hint: 'Every member on a different host (or at most N per host); a member that cannot be placed so fails.' },
  { value: 'affinity', label: 'Affinity', hint: 'All members on the same host; a member that does not fit there fails.' },
  { value: 'soft-anti-affinity', label: 'Soft anti-affinity', hint: 'Spread the members over hosts when possible, never fail for it.' },
  { value: 'soft-affinity', label: 'Soft affinity', hint: 'Keep the members together when possible, never fail for it.' },
] as const;
export type ServerGroupPolicy = (typeof POLICY_OPTIONS)[number]['value'];

export function policyLabel(policy: string): string {
  return POLICY_OPTIONS.find((p) => p.value === policy)?.label ?? policy;
}
