import type { TableSpec, TableState } from '../table/url-state';

export const APP_CRED_SORTS = ['name', 'project', 'expiresAt', 'createdAt'] as const;
export type AppCredSort = (typeof APP_CRED_SORTS)[number];
export const appCredsTableSpec: TableSpec<AppCredSort, never> = { sorts: APP_CRED_SORTS, defaultSort: 'name' };

export function appCredsListInput(state: TableState<AppCredSort, never>) {
  return { page: state.page, pageSize: state.pageSize, sort: state.sort, dir: state.dir, ...(state.q ? { q: state.q } : {}) };
}
export type AppCredsListInput = ReturnType<typeof appCredsListInput>;

/** `<input type="datetime-local">` gives local wall time without a zone; the server wants an instant. */
export function expiryToIso(local: string): string {
  if (!local) return '';
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString();
}
