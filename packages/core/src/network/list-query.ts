import { badRequest } from './errors.js';

/**
 * Neutron's list query parameters over resource documents: any attribute as a filter (repeated =
 * any of), `fields` to select attributes, `sort_key`/`sort_dir` (repeatable, paired in order),
 * and `limit`/`marker`/`page_reverse` paging with next/previous links.
 */
const CONTROL = new Set(['fields', 'sort_key', 'sort_dir', 'limit', 'marker', 'page_reverse']);

type Doc = Record<string, unknown>;

export interface ListQuery {
  getAll(name: string): string[];
  get(name: string): string | null;
  keys(): Iterable<string>;
}

function matches(value: unknown, wanted: string[]): boolean {
  if (Array.isArray(value)) {
    // `fixed_ips=ip_address=10.0.0.5`, `security_groups=<id>`: any element matching.
    return value.some((v) => matches(v, wanted));
  }
  if (value !== null && typeof value === 'object') {
    return wanted.some((w) => {
      const eq = w.indexOf('=');
      return eq > 0 && String((value as Doc)[w.slice(0, eq)]) === w.slice(eq + 1);
    });
  }
  if (typeof value === 'boolean') return wanted.some((w) => w.toLowerCase() === String(value));
  if (value === null) return wanted.some((w) => w === '' || w === 'None');
  return wanted.some((w) => String(value) === w);
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : 1;
}

export interface ListPage {
  items: Doc[];
  /** Query strings of the next and previous pages, when there are any. */
  next: URLSearchParams | null;
  previous: URLSearchParams | null;
}

/** A filter or sort key the documents do not have is a 400, as with Neutron's filter validation on. */
export function applyListQuery(docs: Doc[], query: ListQuery): ListPage {
  let items = docs;
  const known = new Set(docs.flatMap((d) => Object.keys(d)));
  for (const key of new Set(query.keys())) {
    if (CONTROL.has(key) || key.startsWith('tags') || key.startsWith('not-tags')) continue;
    if (docs.length > 0 && !known.has(key)) throw badRequest(`[${key}] is invalid attribute for filtering`, key);
    const wanted = query.getAll(key);
    items = items.filter((d) => matches(d[key], wanted));
  }

  const keys = query.getAll('sort_key');
  const dirs = query.getAll('sort_dir');
  if (dirs.length > keys.length) throw badRequest('The number of sort_keys and sort_dirs must be same', 'sort_dir');
  for (const d of dirs) if (d !== 'asc' && d !== 'desc') throw badRequest(`${d} is invalid value for sort_dir, valid value is 'asc' and 'desc'`, 'sort_dir');
  for (const k of keys) if (docs.length > 0 && !known.has(k)) throw badRequest(`${k} is invalid attribute for sort_key`, 'sort_key');
  const order = [...keys.map((k, i) => ({ key: k, sign: dirs[i] === 'desc' ? -1 : 1 })), { key: 'id', sign: 1 }];
  items = [...items].sort((a, b) => {
    for (const { key, sign } of order) {
      const c = compare(a[key], b[key]);
      if (c !== 0) return c * sign;
    }
    return 0;
  });

  const limitText = query.get('limit');
  let next: URLSearchParams | null = null;
  let previous: URLSearchParams | null = null;
  if (limitText !== null) {
    if (!/^\d+$/.test(limitText)) throw badRequest(`Limit must be an integer 0 or greater and not '${limitText}'`, 'limit');
    const limit = Number(limitText);
    const marker = query.get('marker');
    const reverse = query.get('page_reverse')?.toLowerCase() === 'true';
    const at = marker === null ? -1 : items.findIndex((d) => d.id === marker);
    if (marker !== null && at < 0) throw badRequest(`Marker ${marker} could not be found`, 'marker');
    if (limit > 0) {
      let start: number;
      let end: number;
      if (reverse) {
        end = marker === null ? items.length : at;
        start = Math.max(0, end - limit);
      } else {
        start = at + 1;
        end = Math.min(items.length, start + limit);
      }
      const page = items.slice(start, end);
      const base = new URLSearchParams([...iterate(query)].filter(([k]) => k !== 'marker' && k !== 'page_reverse'));
      const withMarker = (id: unknown, rev: boolean) => {
        const q = new URLSearchParams(base);
        q.set('marker', String(id));
        if (rev) q.set('page_reverse', 'True');
        return q;
      };
      if (page.length > 0 && (reverse ? start > 0 : end < items.length || (page.length === limit && end < items.length))) {
        next = reverse ? withMarker(page[0]!.id, true) : withMarker(page.at(-1)!.id, false);
      }
      if (page.length > 0 && (reverse ? end < items.length : marker !== null)) {
        previous = reverse ? withMarker(page.at(-1)!.id, false) : withMarker(page[0]!.id, true);
      }
      items = page;
    }
  }

  const fields = query.getAll('fields').flatMap((f) => f.split(',')).filter(Boolean);
  if (fields.length > 0) items = items.map((d) => pick(d, fields));
  return { items, next, previous };
}

function* iterate(query: ListQuery): Iterable<[string, string]> {
  for (const key of new Set(query.keys())) for (const v of query.getAll(key)) yield [key, v];
}

/** `fields=` on one document (show requests take it too). */
export function pick(doc: Doc, fields: string[]): Doc {
  return Object.fromEntries(fields.filter((f) => f in doc).map((f) => [f, doc[f]]));
}
