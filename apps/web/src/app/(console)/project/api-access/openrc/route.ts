import { getSession } from '@/server/session';
import { attachment, passwordRcFor, toLogin } from '@/features/api-access/session-rc';
import { passwordOpenrc, safeFileName } from '@/features/api-access/rc-files';

export const dynamic = 'force-dynamic';

/** "Download OpenStack RC File": a v3 openrc for the signed-in user and project (prompts for the password). */
export async function GET(): Promise<Response> {
  const session = await getSession();
  if (!session) return toLogin();
  const rc = await passwordRcFor(session);
  return attachment(passwordOpenrc(rc), `${safeFileName(rc.projectName)}-openrc.sh`, 'application/x-sh');
}
