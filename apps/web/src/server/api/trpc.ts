import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { ZodError } from 'zod';
import { isNimbusError } from '@nimbus/shared';
import { recordAudit } from '@nimbus/core/audit';
import type { RequestContext } from '@nimbus/core/identity/context';
import { consoleContext } from '../console-request';
import { sessionFromToken, SESSION_COOKIE, type Session } from '../session';
import { toTRPCError } from './errors';

export interface TRPCContext {
  session: Session | null;
  /** The core services' context: db, redis, request id, logger and the caller's AuthContext. */
  ctx: RequestContext;
  csrfHeader: string | null;
}

function cookieValue(header: string | null, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

/** Built once per request: the session cookie is validated here and nowhere else. */
export async function createTRPCContext(opts: { headers: Headers }): Promise<TRPCContext> {
  const session = await sessionFromToken(cookieValue(opts.headers.get('cookie'), SESSION_COOKIE));
  return { session, ctx: consoleContext(session?.auth ?? null), csrfHeader: opts.headers.get('x-csrf-token') };
}

const t = initTRPC.context<TRPCContext>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    return {
      ...shape,
      data: {
        ...shape.data,
        field: isNimbusError(cause) ? (cause.field ?? null) : null,
        zodError: cause instanceof ZodError ? cause.flatten() : null,
      },
    };
  },
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

export const publicProcedure = t.procedure;

const TARGET_ID_KEYS = ['id', 'projectId', 'userId', 'groupId', 'roleId'] as const;

/** `identity.projects.update` with `{ id }` → target `projects` / that id, for the audit log. */
export function auditTarget(path: string, input: unknown): { targetType: string; targetId: string | null } {
  const parts = path.split('.');
  const targetType = parts.length > 2 ? parts[parts.length - 2]! : (parts[0] ?? 'console');
  let targetId: string | null = null;
  if (input && typeof input === 'object') {
    const record = input as Record<string, unknown>;
    const key = TARGET_ID_KEYS.find((k) => typeof record[k] === 'string');
    if (key) targetId = record[key] as string;
  }
  return { targetType, targetId };
}

/**
 * A signed-in caller. Mutations must echo the session's CSRF token in `x-csrf-token`, and every
 * mutation lands in the audit log with its outcome.
 */
export const protectedProcedure = t.procedure.use(async ({ ctx, type, path, next, getRawInput }) => {
  if (!ctx.session) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Your session has expired. Please log in again.' });
  if (type === 'mutation' && ctx.csrfHeader !== ctx.session.csrf) {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Invalid CSRF token.' });
  }
  const session = ctx.session;
  const result = await next({ ctx: { ...ctx, session } });
  if (type === 'mutation') {
    const status = result.ok ? 200 : (result.error.cause && isNimbusError(result.error.cause) ? result.error.cause.status : 500);
    await recordAudit(ctx.ctx, {
      action: `console:${path}`,
      ...auditTarget(path, await getRawInput().catch(() => undefined)),
      outcome: result.ok ? 'success' : 'failure',
      status,
    });
  }
  return result;
});

/** Runs a core service call, turning nimbus errors into tRPC errors (one mapping, errors.ts). */
export async function core<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw toTRPCError(err);
  }
}
