import { z } from 'zod';

/**
 * Offset paging with a total, for the console's tables. Keystone's REST lists page by marker and
 * give no count; a console table wants "21–40 of 134" and sortable columns, so these queries are
 * separate from the REST ones but enforce the same policy rules.
 */
export const MAX_PAGE_SIZE = 100;

export const zConsolePage = {
  page: z.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.number().int().min(1).max(MAX_PAGE_SIZE).default(20),
  dir: z.enum(['asc', 'desc']).default('asc'),
  /** Free text: matches the name (case-insensitive substring) or an exact id. */
  q: z.string().trim().max(255).optional(),
};

export interface CountedPage<T> {
  items: T[];
  total: number;
  /** The page actually returned: a page past the end (e.g. after deleting its last row) becomes the last page. */
  page: number;
  pageSize: number;
}

export function lastPage(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/**
 * Runs count and page query together (one round trip each, in parallel); only when the requested
 * page lies past the end does it fetch again at the last page.
 */
export async function countedPage<T>(
  input: { page: number; pageSize: number },
  count: () => Promise<number>,
  fetch: (skip: number, take: number) => Promise<T[]>,
): Promise<CountedPage<T>> {
  const [total, rows] = await Promise.all([count(), fetch((input.page - 1) * input.pageSize, input.pageSize)]);
  const last = lastPage(total, input.pageSize);
  if (input.page <= last) return { items: rows, total, page: input.page, pageSize: input.pageSize };
  return { items: await fetch((last - 1) * input.pageSize, input.pageSize), total, page: last, pageSize: input.pageSize };
}

/** `name ILIKE %q%` or `id = q`: what the console's filter box searches. */
export function nameOrId(q: string | undefined) {
  if (!q) return {};
  return { OR: [{ name: { contains: q, mode: 'insensitive' as const } }, { id: q }] };
}
