import { newRequestId } from '@nimbus/shared';
import type { AuthContext, RequestContext } from '@nimbus/core/identity/context';
import { runtime } from './runtime';

/** A core RequestContext for a console (tRPC or form) call. */
export function consoleContext(auth: AuthContext | null, source: 'trpc' | 'rest' = 'trpc'): RequestContext {
  const rt = runtime();
  const requestId = newRequestId();
  return {
    db: rt.db,
    redis: rt.redis,
    keyPrefix: rt.config.REDIS_PREFIX,
    jobs: rt.jobs,
    requestId,
    log: rt.log.child({ requestId, userId: auth?.userId }),
    auth,
    source,
  };
}

/**
 * Same-origin check for form posts: a browser always sends Origin on a cross-site POST, and
 * SameSite=Lax keeps the cookie off it as a second line.
 */
export function sameOrigin(req: Request): boolean {
  const origin = req.headers.get('origin');
  if (!origin) return true;
  const host = req.headers.get('x-forwarded-host') ?? req.headers.get('host');
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
