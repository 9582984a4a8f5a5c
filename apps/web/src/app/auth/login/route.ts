import { cookies } from 'next/headers';
import { isNimbusError } from '@nimbus/shared';
import { recordAudit } from '@nimbus/core/audit';
import { accessibleProjects } from '@nimbus/core/identity/accessible-projects';
import { runtime } from '@/server/runtime';
import { sessionCookie } from '@/server/session';
import { consoleContext, sameOrigin } from '@/server/console-request';
import { seeOther } from '../redirect';

function field(form: FormData, name: string): string {
  const v = form.get(name);
  return typeof v === 'string' ? v.trim() : '';
}

/** Console login: password auth, scoped to the default project or else the first one the user has. */
export async function POST(req: Request): Promise<Response> {
  if (!sameOrigin(req)) return new Response('Cross-origin form post refused', { status: 403 });
  const form = await req.formData();
  const domain = field(form, 'domain') || 'Default';
  const username = field(form, 'username');
  const password = typeof form.get('password') === 'string' ? (form.get('password') as string) : '';
  const next = field(form, 'next');
  if (!username || !password) return seeOther(`/login?error=${encodeURIComponent('Enter your user name and password.')}`);

  const { tokens, config } = runtime();
  const ctx = consoleContext(null, 'trpc');
  try {
    let issued = await tokens.issue({
      auth: { identity: { methods: ['password'], password: { user: { name: username, domain: { name: domain }, password } } } },
    });
    if (!issued.auth.projectId) {
      const [first] = await accessibleProjects(ctx.db, issued.auth.userId);
      if (!first) return seeOther(`/login?error=${encodeURIComponent('You are not a member of any project.')}`);
      issued = await tokens.issue({
        auth: { identity: { methods: ['token'], token: { id: issued.token } }, scope: { project: { id: first.id } } },
      });
    }
    ctx.auth = issued.auth;
    await recordAudit(ctx, { action: 'console:login', targetType: 'session', targetId: issued.auth.userId, outcome: 'success', status: 303 });
    const jar = await cookies();
    jar.set(sessionCookie(issued.token, issued.auth.expiresAt, config.publicUrl.startsWith('https:')));
    return seeOther(next.startsWith('/') && !next.startsWith('//') ? next : '/project');
  } catch (err) {
    if (!isNimbusError(err)) throw err;
    await recordAudit(ctx, { action: 'console:login', targetType: 'session', targetId: null, outcome: 'failure', status: err.status, detail: { user: username, domain } });
    const message = err.status === 401 ? 'Invalid credentials. Check the domain, user name and password.' : err.message;
    return seeOther(`/login?error=${encodeURIComponent(message)}`);
  }
}
