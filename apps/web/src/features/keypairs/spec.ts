import type { TableSpec, TableState } from '../table/url-state';

export const KEYPAIR_SORTS = ['name', 'type', 'created'] as const;
export type KeyPairSort = (typeof KEYPAIR_SORTS)[number];

export const keyPairsTableSpec: TableSpec<KeyPairSort> = { sorts: KEYPAIR_SORTS, defaultSort: 'name' };

export function keyPairsListInput(state: TableState<KeyPairSort>) {
  return { page: state.page, pageSize: state.pageSize, sort: state.sort, dir: state.dir, ...(state.q ? { q: state.q } : {}) };
}
export type KeyPairsListInput = ReturnType<typeof keyPairsListInput>;
