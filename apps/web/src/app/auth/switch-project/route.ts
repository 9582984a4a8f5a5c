import { cookies } from 'next/headers';
import { isNimbusError } from '@nimbus/shared';
import { recordAudit } from '@nimbus/core/audit';
import { runtime } from '@/server/runtime';
import { getSession, sessionCookie } from '@/server/session';
import { consoleContext, sameOrigin } from '@/server/console-request';
import { seeOther } from '../redirect';

/** Re-scopes the session's token to another project the user holds a role on. */
export async function POST(req: Request): Promise<Response> {
  if (!sameOrigin(req)) return new Response('Cross-origin form post refused', { status: 403 });
  const session = await getSession();
  if (!session) return seeOther('/login?reason=expired');
  const form = await req.formData();
  if (form.get('csrf') !== session.csrf) return new Response('Invalid CSRF token', { status: 403 });
  const projectId = String(form.get('projectId') ?? '');
  const { tokens, config } = runtime();
  const ctx = consoleContext(session.auth);
  try {
    const issued = await tokens.issue({
      auth: { identity: { methods: ['token'], token: { id: session.token } }, scope: { project: { id: projectId } } },
    });
    await recordAudit(ctx, { action: 'console:switch-project', targetType: 'project', targetId: projectId, outcome: 'success', status: 303 });
    (await cookies()).set(sessionCookie(issued.token, issued.auth.expiresAt, config.publicUrl.startsWith('https:')));
    return seeOther('/project');
  } catch (err) {
    if (!isNimbusError(err)) throw err;
    await recordAudit(ctx, { action: 'console:switch-project', targetType: 'project', targetId: projectId, outcome: 'failure', status: err.status });
    return seeOther(`/project?error=${encodeURIComponent('You have no role on that project.')}`);
  }
}
