/**
 * Server-side pagination math. Lists page either by offset (page number) or by marker (OpenStack's
 * `?marker=<last id>&limit=N`); both reduce to "is there a previous / next page" plus a range label.
 */

export const DEFAULT_PAGE_SIZES = [20, 50, 100] as const;

export interface PageInfo {
  /** 1-based index of the first row shown (0 when the page is empty). */
  from: number;
  /** 1-based index of the last row shown. */
  to: number;
  /** Total pages when the total is known. */
  pageCount: number | undefined;
  hasPrev: boolean;
  hasNext: boolean;
}

/**
 * For offset paging. `page` is 1-based. `total` is optional (Keystone lists don't always give one);
 * without it `hasNext` is inferred from a full page, which costs at most one empty page at the end.
 */
export function pageInfo(args: { page: number; pageSize: number; rowCount: number; total?: number }): PageInfo {
  const pageSize = Math.max(1, Math.floor(args.pageSize));
  const page = Math.max(1, Math.floor(args.page));
  const rowCount = Math.max(0, Math.min(args.rowCount, pageSize));
  const offset = (page - 1) * pageSize;
  const from = rowCount === 0 ? 0 : offset + 1;
  const to = offset + rowCount;
  if (args.total === undefined) {
    return { from, to, pageCount: undefined, hasPrev: page > 1, hasNext: rowCount === pageSize };
  }
  const total = Math.max(0, args.total);
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  return { from, to: Math.min(to, total), pageCount, hasPrev: page > 1, hasNext: page < pageCount };
}

/** Keeps a requested page inside 1..pageCount (e.g. after a filter shrinks the list). */
export function clampPage(page: number, total: number, pageSize: number): number {
  const pageCount = Math.max(1, Math.ceil(Math.max(0, total) / Math.max(1, pageSize)));
  return Math.min(Math.max(1, Math.floor(page)), pageCount);
}

/** The page that still shows the same first row after the page size changes. */
export function pageAfterResize(page: number, oldSize: number, newSize: number): number {
  const firstRow = (Math.max(1, page) - 1) * oldSize;
  return Math.floor(firstRow / Math.max(1, newSize)) + 1;
}

/**
 * Marker paging: the server is asked for `limit + 1` rows so "is there a next page" needs no count.
 * Returns the rows to show and the marker for the next page (the last shown row's id).
 */
export function markerPage<T>(rows: readonly T[], limit: number, getId: (row: T) => string): { rows: T[]; nextMarker: string | undefined } {
  const shown = rows.slice(0, Math.max(0, limit));
  const last = shown[shown.length - 1];
  const nextMarker = rows.length > limit && last !== undefined ? getId(last) : undefined;
  return { rows: shown, nextMarker };
}

/** Human range: "1–20 of 134", "21–40", or "No items". */
export function rangeLabel(info: Pick<PageInfo, 'from' | 'to'>, total?: number): string {
  if (info.to === 0) return 'No items';
  const range = `${info.from}–${info.to}`;
  return total === undefined ? range : `${range} of ${total}`;
}
