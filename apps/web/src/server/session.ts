import { createHash } from 'node:crypto';
import { cache } from 'react';
import { cookies } from 'next/headers';
import type { AuthContext } from '@nimbus/core/identity/context';
import { runtime } from './runtime';

export const SESSION_COOKIE = 'nimbus_session';

export interface Session {
  token: string;
  auth: AuthContext;
  /** Bound to the token: a form or tRPC call must echo it, so a forged cross-site request cannot. */
  csrf: string;
}

export function csrfFor(token: string): string {
  return createHash('sha256').update(`csrf:${token}`).digest('base64url').slice(0, 32);
}

export async function sessionFromToken(token: string | undefined): Promise<Session | null> {
  if (!token) return null;
  const auth = await runtime().tokens.validate(token);
  return auth ? { token, auth, csrf: csrfFor(token) } : null;
}

/**
 * The console session of this request, or null (no cookie, or its token expired or was revoked).
 * Memoised per server render: the layout and the page share one validation.
 */
export const getSession = cache(async (): Promise<Session | null> => {
  const jar = await cookies();
  return sessionFromToken(jar.get(SESSION_COOKIE)?.value);
});

/** True when a cookie is present but no longer valid: the login page then says why. */
export async function hasStaleSession(): Promise<boolean> {
  const jar = await cookies();
  return jar.has(SESSION_COOKIE);
}

export function sessionCookie(token: string, expiresAt: Date, secure: boolean) {
  return {
    name: SESSION_COOKIE,
    value: token,
    httpOnly: true,
    sameSite: 'lax' as const,
    secure,
    path: '/',
    expires: expiresAt,
  };
}
