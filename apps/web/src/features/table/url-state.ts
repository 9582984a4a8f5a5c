/**
 * A list page's state lives in its URL (`?page=2&size=50&sort=name&dir=desc&q=web&enabled=true`),
 * so reload, back/forward and shared links all show the same rows. Values that equal the default
 * are left out, keeping URLs short; anything invalid falls back to the default.
 */

export type SortDir = 'asc' | 'desc';

export interface TableSpec<S extends string = string, F extends string = string> {
  sorts: readonly S[];
  defaultSort: S;
  defaultDir?: SortDir;
  /** Extra filters: a list of allowed values, or 'text' for free text. */
  filters?: Readonly<Record<F, readonly string[] | 'text'>>;
  pageSizes?: readonly number[];
  defaultPageSize?: number;
}

export interface TableState<S extends string = string, F extends string = string> {
  page: number;
  pageSize: number;
  sort: S;
  dir: SortDir;
  q: string;
  filters: Record<F, string>;
}

export type SearchParamsLike = URLSearchParams | Readonly<Record<string, string | string[] | undefined>>;

export const PAGE_SIZES = [20, 50, 100] as const;
const MAX_TEXT = 255;

function getParam(params: SearchParamsLike, key: string): string | undefined {
  if (params instanceof URLSearchParams) return params.get(key) ?? undefined;
  const v = params[key];
  return Array.isArray(v) ? v[0] : v;
}

function positiveInt(text: string | undefined): number | undefined {
  if (!text || !/^\d{1,7}$/.test(text)) return undefined;
  const n = Number(text);
  return n >= 1 ? n : undefined;
}

function defaults<S extends string, F extends string>(spec: TableSpec<S, F>) {
  return {
    pageSize: spec.defaultPageSize ?? (spec.pageSizes ?? PAGE_SIZES)[0] ?? 20,
    dir: spec.defaultDir ?? 'asc',
  };
}

export function parseTableState<S extends string, F extends string>(params: SearchParamsLike, spec: TableSpec<S, F>): TableState<S, F> {
  const d = defaults(spec);
  const sizes = spec.pageSizes ?? PAGE_SIZES;
  const size = positiveInt(getParam(params, 'size'));
  const sort = getParam(params, 'sort');
  const dir = getParam(params, 'dir');
  const filters = {} as Record<F, string>;
  for (const [key, allowed] of Object.entries(spec.filters ?? {}) as [F, readonly string[] | 'text'][]) {
    const raw = (getParam(params, key) ?? '').trim();
    filters[key] = allowed === 'text' ? raw.slice(0, MAX_TEXT) : allowed.includes(raw) ? raw : '';
  }
  return {
    page: positiveInt(getParam(params, 'page')) ?? 1,
    pageSize: size !== undefined && sizes.includes(size) ? size : d.pageSize,
    sort: sort !== undefined && (spec.sorts as readonly string[]).includes(sort) ? (sort as S) : spec.defaultSort,
    dir: dir === 'asc' || dir === 'desc' ? dir : d.dir,
    q: (getParam(params, 'q') ?? '').trim().slice(0, MAX_TEXT),
    filters,
  };
}

/** The query string for a state (without '?'); defaults are omitted so a fresh list has a bare URL. */
export function serializeTableState<S extends string, F extends string>(state: TableState<S, F>, spec: TableSpec<S, F>): string {
  const d = defaults(spec);
  const out = new URLSearchParams();
  if (state.q) out.set('q', state.q);
  for (const [key, value] of Object.entries(state.filters) as [F, string][]) if (value) out.set(key, value);
  if (state.sort !== spec.defaultSort || state.dir !== d.dir) {
    out.set('sort', state.sort);
    out.set('dir', state.dir);
  }
  if (state.pageSize !== d.pageSize) out.set('size', String(state.pageSize));
  if (state.page > 1) out.set('page', String(state.page));
  return out.toString();
}

export type TablePatch<S extends string, F extends string> = Partial<Omit<TableState<S, F>, 'filters'>> & { filters?: Partial<Record<F, string>> };

/**
 * Applies a change. Anything but a page move returns to page 1: page 3 of the old order or filter
 * means nothing in the new one.
 */
export function applyPatch<S extends string, F extends string>(state: TableState<S, F>, patch: TablePatch<S, F>): TableState<S, F> {
  const filters = { ...state.filters };
  for (const [k, v] of Object.entries(patch.filters ?? {}) as [F, string | undefined][]) if (v !== undefined) filters[k] = v;
  const next: TableState<S, F> = { ...state, ...patch, filters };
  const changed =
    next.q !== state.q ||
    next.sort !== state.sort ||
    next.dir !== state.dir ||
    next.pageSize !== state.pageSize ||
    (Object.keys(filters) as F[]).some((k) => filters[k] !== state.filters[k]);
  if (changed && patch.page === undefined) next.page = 1;
  return next;
}
