import { BadRequest } from '@nimbus/shared';
import { collectionLinks, queryBoolean, type Page } from '@nimbus/core/identity/resources/index';
import type { RestRequest, RestResponse } from '../../router';

/**
 * The resource object of a Keystone request body (`{"project": {...}}`): a 400 naming the key
 * when it is missing or not an object. Typed as the service's input because the service
 * validates it with its zod schema before anything else happens.
 */
export async function member<T = Record<string, unknown>>(req: RestRequest, key: string): Promise<T> {
  const body = await req.json();
  const value = body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>)[key] : undefined;
  if (value === undefined) throw new BadRequest(`Invalid input for field '${key}': '${key}' is a required property`, { field: key });
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new BadRequest(`Invalid input for field '${key}': must be an object`, { field: key });
  }
  return value as T;
}

export function param(req: RestRequest, name: string): string {
  return decodeURIComponent(req.params[name] ?? '');
}

export function text(req: RestRequest, name: string): string | undefined {
  return req.query.get(name) ?? undefined;
}

export function flag(req: RestRequest, name: string): boolean | undefined {
  return queryBoolean(req.query.get(name));
}

/** A comma-separated query list (`tags=a,b`). */
export function list(req: RestRequest, name: string): string[] | undefined {
  const v = req.query.get(name);
  return v === null ? undefined : v.split(',').filter(Boolean);
}

/** nimbus's `limit`/`marker` extension of Keystone lists. */
export function paging(req: RestRequest): { limit?: number; marker?: string } {
  const out: { limit?: number; marker?: string } = {};
  const limit = req.query.get('limit');
  if (limit !== null) {
    const n = Number(limit);
    if (!Number.isInteger(n) || n < 1) throw new BadRequest("Invalid input for field 'limit': must be a positive integer", { field: 'limit' });
    out.limit = n;
  }
  const marker = req.query.get('marker');
  if (marker) out.marker = marker;
  return out;
}

/** Drops undefined keys, so optional filters stay absent under exactOptionalPropertyTypes-style schemas. */
export function defined<T extends Record<string, unknown>>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;
}

/** `{ <key>: [...], links: {self, previous, next} }`. */
export function collection<T>(req: RestRequest, key: string, page: Page<T> | T[], view: (row: T, baseUrl: string) => unknown): RestResponse {
  const p: Page<T> = Array.isArray(page) ? { items: page, nextMarker: null } : page;
  return {
    status: 200,
    body: {
      [key]: p.items.map((row) => view(row, req.baseUrl)),
      links: collectionLinks(req.baseUrl, req.path.replace(/^\/v3\//, ''), req.query, p),
    },
  };
}

export function one(status: number, key: string, value: unknown): RestResponse {
  return { status, body: { [key]: value } };
}

export const noContent: RestResponse = { status: 204 };
