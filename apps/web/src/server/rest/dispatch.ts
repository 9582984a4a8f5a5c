import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream';
import { isNimbusError, MethodNotAllowed, newRequestId, NotFound, Unauthorized, type NimbusError } from '@nimbus/shared';
import { recordAudit } from '@nimbus/core/audit';
import type { RequestContext } from '@nimbus/core/identity/context';
import type { Runtime } from '../runtime';
import { readBody, parseJson } from './body';
import type { FaultFormatter } from './faults';
import type { RestRequest, RestResponse, Router } from './router';

/** One OpenStack service mounted at a path prefix (DESIGN.md §3). */
export interface ServiceMount {
  /** `/identity`, `/compute/v2.1`, ... */
  prefix: string;
  /** Catalog type, used as the audit action's namespace. */
  service: string;
  router: Router;
  fault: (rt: Runtime) => FaultFormatter;
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function mountFor(mounts: ServiceMount[], path: string): ServiceMount | undefined {
  return mounts.find((m) => path === m.prefix || path.startsWith(`${m.prefix}/`));
}

export function isRestPath(mounts: ServiceMount[], path: string): boolean {
  return mountFor(mounts, path) !== undefined;
}

function send(res: ServerResponse, method: string, out: RestResponse, requestId: string): void {
  const headers: Record<string, string> = {
    Vary: 'X-Auth-Token',
    'x-openstack-request-id': requestId,
    ...out.headers,
  };
  if (out.stream) {
    res.writeHead(out.status, headers);
    if (method === 'HEAD') {
      out.stream.destroy();
      res.end();
    } else {
      // A failing source cuts the response short (the client sees a truncated body, not a fake success).
      pipeline(out.stream, res, () => undefined);
    }
    return;
  }
  let payload: string | undefined;
  if (out.body !== undefined) {
    payload = JSON.stringify(out.body);
    headers['Content-Type'] ??= 'application/json';
    headers['Content-Length'] = String(Buffer.byteLength(payload));
  } else if (out.status !== 204 && out.status !== 304) {
    headers['Content-Length'] ??= '0';
  }
  res.writeHead(out.status, headers);
  res.end(method === 'HEAD' ? undefined : payload);
}

/** Routes one request to its service; every error leaves as that service's own fault body. */
export async function dispatch(rt: Runtime, mounts: ServiceMount[], req: IncomingMessage, res: ServerResponse): Promise<void> {
  const requestId = newRequestId();
  const method = req.method ?? 'GET';
  const url = new URL(req.url ?? '/', 'http://internal');
  const mount = mountFor(mounts, url.pathname);
  if (!mount) throw new Error(`dispatch called for a path no service mounts: ${url.pathname}`);
  const log = rt.log.child({ requestId, method, path: url.pathname });
  const fault = mount.fault(rt);
  const ctx: RequestContext = {
    db: rt.db,
    redis: rt.redis,
    keyPrefix: rt.config.REDIS_PREFIX,
    jobs: rt.jobs,
    requestId,
    log,
    auth: null,
    source: 'rest',
  };
  const sub = url.pathname.slice(mount.prefix.length) || '/';
  const match = mount.router.match(method, sub);
  let out: RestResponse;
  let routePath = sub;
  try {
    if (match.kind === 'not-found') throw new NotFound(`The resource could not be found.`);
    if (match.kind === 'method-not-allowed') {
      out = fault(new MethodNotAllowed('The method is not allowed for the requested URL.'));
      out.headers = { ...out.headers, Allow: match.allowed.join(', ') };
    } else {
      routePath = match.route.path;
      const token = (req.headers['x-auth-token'] as string | undefined) ?? null;
      if (match.route.auth !== false) {
        ctx.auth = token ? await rt.tokens.validate(token) : null;
        if (!ctx.auth) throw new Unauthorized('The request you have made requires authentication.');
      }
      let parsed: { value: unknown } | undefined;
      const restReq: RestRequest = {
        method,
        path: sub,
        params: match.params,
        query: url.searchParams,
        headers: { get: (name) => (req.headers[name.toLowerCase()] as string | undefined) ?? null },
        json: async <T>() => {
          parsed ??= { value: parseJson(await readBody(req, rt.config.MAX_REQUEST_BODY_BYTES)) };
          return parsed.value as T;
        },
        raw: req,
        ctx,
        baseUrl: `${rt.config.publicUrl}${mount.prefix}`,
        token,
      };
      out = await match.route.handler(restReq);
    }
  } catch (err) {
    if (isNimbusError(err)) {
      out = fault(err as NimbusError);
      if (err.status >= 500) log.error({ err }, 'request failed');
    } else {
      log.error({ err }, 'unhandled error');
      out = { status: 500, body: { error: { code: 500, message: 'An unexpected error prevented the server from fulfilling your request.', title: 'Internal Server Error' } } };
    }
  }
  send(res, method, out, requestId);
  if (MUTATING.has(method)) {
    const lastParam = match.kind === 'found' ? Object.values(match.params).at(-1) : undefined;
    await recordAudit(ctx, {
      action: `${mount.service}:${method} ${routePath}`,
      targetType: routePath.split('/').filter((s) => s && !s.startsWith(':')).at(-1) ?? mount.service,
      targetId: lastParam ?? null,
      outcome: out.status < 400 ? 'success' : 'failure',
      status: out.status,
    });
  }
  log.debug({ status: out.status }, 'request done');
}
