import type { TableSpec, TableState } from '../table/url-state';

export const quotasTableSpec: TableSpec<'name'> = { sorts: ['name'] as const, defaultSort: 'name' };

export function quotasListInput(state: TableState<'name'>) {
  return { page: state.page, pageSize: state.pageSize, sort: state.sort, dir: state.dir, ...(state.q ? { q: state.q } : {}) };
}
export type QuotasListInput = ReturnType<typeof quotasListInput>;

export const EDITABLE = [
  { key: 'instances', label: 'Instances', unit: '' },
  { key: 'cores', label: 'vCPUs', unit: '' },
  { key: 'ram', label: 'RAM (MB)', unit: ' MB' },
  { key: 'key_pairs', label: 'Key pairs (per user)', unit: '' },
  { key: 'metadata_items', label: 'Metadata items', unit: '' },
] as const;
export type EditableKey = (typeof EDITABLE)[number]['key'];
