import type { TableSpec, TableState } from '../table/url-state';

export const IMAGE_SORTS = ['name', 'status', 'visibility', 'size', 'created'] as const;
export type ImageSort = (typeof IMAGE_SORTS)[number];
export const IMAGE_STATUSES = ['queued', 'saving', 'active', 'killed', 'deactivated'] as const;
export const IMAGE_VISIBILITIES = ['public', 'private', 'shared', 'community'] as const;

export const imagesTableSpec: TableSpec<ImageSort, 'status' | 'visibility'> = {
  sorts: IMAGE_SORTS,
  defaultSort: 'name',
  filters: { status: IMAGE_STATUSES, visibility: IMAGE_VISIBILITIES },
};

export function imagesListInput(state: TableState<ImageSort, 'status' | 'visibility'>) {
  return {
    page: state.page,
    pageSize: state.pageSize,
    sort: state.sort,
    dir: state.dir,
    ...(state.q ? { q: state.q } : {}),
    ...(state.filters.status ? { status: state.filters.status as (typeof IMAGE_STATUSES)[number] } : {}),
    ...(state.filters.visibility ? { visibility: state.filters.visibility as (typeof IMAGE_VISIBILITIES)[number] } : {}),
  };
}
export type ImagesListInput = ReturnType<typeof imagesListInput>;

/** 1536 → "1.5 KiB". */
export function formatBytes(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? v : v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}
