import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { CircleAlert, Info } from 'lucide-react';
import { TextField } from '@nimbus/ui';
import { NimbusMark } from '@/components/shell/logo';
import { getSession } from '@/server/session';
import { SubmitButton } from './submit-button';

export const metadata: Metadata = { title: 'Log in' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Only same-site paths may be used as the post-login destination (no open redirect). */
function safeNext(value: string | undefined): string | undefined {
  return value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : undefined;
}

/**
 * Server-rendered login: a plain form posted to /auth/login (which sets the session cookie and
 * redirects), so it works without JavaScript and ships almost none.
 */
export default async function LoginPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const next = safeNext(first(params.next));
  if (await getSession()) redirect(next ?? '/project');

  const reason = first(params.reason);
  // The login route puts its own human-readable message in ?error=; cap it so a crafted link can't
  // paint a long fake notice on the page.
  const error = first(params.error)?.slice(0, 200) || (reason === 'expired' ? 'Your session has expired. Please log in again.' : undefined);
  const notice = reason === 'logged-out' ? 'You have signed out.' : undefined;

  return (
    <div className="flex min-h-dvh flex-col bg-[radial-gradient(ellipse_at_top,var(--nb-primary-soft),transparent_60%)]">
      <main className="flex flex-1 items-start justify-center px-4 pb-8 pt-[max(2.5rem,12vh)] sm:items-center sm:pt-8">
        <div className="w-full max-w-[24rem]">
          <div className="mb-6 flex flex-col items-center text-center">
            <NimbusMark className="size-11" />
            <h1 className="mt-3 text-xl font-semibold tracking-tight">Log in to nimbus</h1>
            <p className="mt-1 text-[0.8125rem] text-fg-muted">Use your cloud credentials (Keystone v3).</p>
          </div>

          <div className="rounded-lg border border-border bg-surface p-5 shadow-card sm:p-6">
            {error ? (
              <div role="alert" className="mb-4 flex gap-2 rounded-md border border-status-error/25 bg-status-error-bg p-3 text-[0.8125rem] text-status-error">
                <CircleAlert aria-hidden="true" className="mt-px size-4 shrink-0" />
                <p>{error}</p>
              </div>
            ) : notice ? (
              <div role="status" className="mb-4 flex gap-2 rounded-md border border-border bg-surface-2 p-3 text-[0.8125rem] text-fg-muted">
                <Info aria-hidden="true" className="mt-px size-4 shrink-0" />
                <p>{notice}</p>
              </div>
            ) : null}

            <form method="post" action="/auth/login" className="flex flex-col gap-4">
              {next ? <input type="hidden" name="next" value={next} /> : null}
              <TextField
                label="Domain"
                name="domain"
                defaultValue="Default"
                autoComplete="off"
                autoCapitalize="none"
                spellCheck={false}
                required
              />
              <TextField
                label="User Name"
                name="username"
                autoComplete="username"
                autoCapitalize="none"
                spellCheck={false}
                autoFocus
                required
              />
              <TextField label="Password" name="password" type="password" autoComplete="current-password" required />
              <div className="pt-1">
                <SubmitButton busyLabel="Logging in…">Log in</SubmitButton>
              </div>
            </form>
          </div>
        </div>
      </main>
      <footer className="px-4 pb-6 text-center text-xs text-fg-subtle">
        nimbus · OpenStack-compatible private cloud · Identity API at <code className="font-mono">/identity/v3</code>
      </footer>
    </div>
  );
}
