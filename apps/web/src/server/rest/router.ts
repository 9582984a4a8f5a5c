import type { Readable } from 'node:stream';
import type { RequestContext } from '@nimbus/core/identity/context';

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RestRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: { get(name: string): string | null };
  /** The parsed JSON body; BadRequest when malformed, PayloadTooLarge over the limit. */
  json<T = unknown>(): Promise<T>;
  /** The body as an unread stream, for bulk data (image uploads): no body limit, never buffered. */
  raw: Readable;
  ctx: RequestContext;
  /** Public URL of the service root, e.g. `http://127.0.0.1:3000/identity`, for `links`. */
  baseUrl: string;
  /** The raw token the caller presented, when any. */
  token: string | null;
}

export interface RestResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** A streamed body (image downloads) sent as is; set Content-Type and Content-Length in `headers`. */
  stream?: Readable;
}

export type RestHandler = (req: RestRequest) => Promise<RestResponse>;

export interface RouteDef {
  method: HttpMethod;
  /** Relative to the service root: `/v3/projects/:project_id`. */
  path: string;
  handler: RestHandler;
  /** Whether a valid token is required (default true). */
  auth?: boolean;
}

interface CompiledRoute extends RouteDef {
  regex: RegExp;
  names: string[];
}

export type RouteMatch =
  | { kind: 'found'; route: RouteDef; params: Record<string, string> }
  | { kind: 'method-not-allowed'; allowed: HttpMethod[] }
  | { kind: 'not-found' };

/** Literal segments win over parameters, so `/v3/auth/tokens` never matches `/v3/auth/:x`. */
function specificity(path: string): number {
  return path.split('/').reduce((n, seg) => n * 2 + (seg.startsWith(':') ? 0 : 1), 1);
}

export class Router {
  private readonly routes: CompiledRoute[] = [];

  add(...defs: RouteDef[]): this {
    for (const def of defs) {
      const names: string[] = [];
      const pattern = def.path
        .split('/')
        .map((seg) => {
          if (!seg.startsWith(':')) return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          names.push(seg.slice(1));
          return '([^/]+)';
        })
        .join('/');
      this.routes.push({ ...def, regex: new RegExp(`^${pattern}/?$`), names });
    }
    this.routes.sort((a, b) => specificity(b.path) - specificity(a.path));
    return this;
  }

  match(method: string, path: string): RouteMatch {
    const candidates: { route: CompiledRoute; m: RegExpExecArray }[] = [];
    for (const route of this.routes) {
      const m = route.regex.exec(path);
      if (m) candidates.push({ route, m });
    }
    if (candidates.length === 0) return { kind: 'not-found' };
    // HEAD falls back to GET (the body is dropped by the dispatcher) unless a HEAD route exists.
    const hit =
      candidates.find((c) => c.route.method === method) ??
      (method === 'HEAD' ? candidates.find((c) => c.route.method === 'GET') : undefined);
    if (!hit) return { kind: 'method-not-allowed', allowed: [...new Set(candidates.map((c) => c.route.method))] };
    const params: Record<string, string> = {};
    hit.route.names.forEach((n, i) => {
      params[n] = decodeURIComponent(hit.m[i + 1] ?? '');
    });
    return { kind: 'found', route: hit.route, params };
  }
}
