import { cookies } from 'next/headers';
import { recordAudit } from '@nimbus/core/audit';
import { recordRevocation } from '@nimbus/core/identity/revocation';
import { getSession, SESSION_COOKIE } from '@/server/session';
import { consoleContext, sameOrigin } from '@/server/console-request';
import { seeOther } from '../redirect';

/** Sign out: the session's token is revoked everywhere (not just forgotten by this browser). */
export async function POST(req: Request): Promise<Response> {
  if (!sameOrigin(req)) return new Response('Cross-origin form post refused', { status: 403 });
  const session = await getSession();
  const jar = await cookies();
  if (session) {
    const form = await req.formData();
    if (form.get('csrf') !== session.csrf) return new Response('Invalid CSRF token', { status: 403 });
    const ctx = consoleContext(session.auth);
    await recordRevocation(ctx, { auditId: session.auth.auditIds[0] }, 'console logout');
    await recordAudit(ctx, { action: 'console:logout', targetType: 'session', targetId: session.auth.userId, outcome: 'success', status: 303 });
  }
  jar.delete(SESSION_COOKIE);
  return seeOther('/login?reason=logged-out');
}
