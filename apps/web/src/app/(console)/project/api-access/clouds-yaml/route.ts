import { getSession } from '@/server/session';
import { attachment, passwordRcFor, toLogin } from '@/features/api-access/session-rc';
import { passwordCloudsYaml } from '@/features/api-access/rc-files';

export const dynamic = 'force-dynamic';

/** "Download clouds.yaml" for the signed-in user and project (without the password, like Horizon). */
export async function GET(): Promise<Response> {
  const session = await getSession();
  if (!session) return toLogin();
  return attachment(passwordCloudsYaml(await passwordRcFor(session)), 'clouds.yaml', 'application/yaml');
}
