import type { z } from 'zod';
import { createApplicationCredential } from '@nimbus/core/identity/resources/application-credentials';
import { runtime } from '../../../../runtime';
import { appCredentialCloudsYaml, appCredentialOpenrc, safeFileName } from '../../../../../features/api-access/rc-files';
import { identityEndpoint, sessionCatalog } from '../../../../../features/api-access/session-rc';
import type { ConsoleHandlerCtx } from '../handler-context';
import type { ZCreateInputSchema } from './create.schema';

/**
 * Creates a credential for the signed-in user on the session's project. The answer carries the
 * secret and the ready-made openrc / clouds.yaml: this is the only time they can be shown.
 */
export async function createHandler({ ctx, input }: { ctx: ConsoleHandlerCtx; input: z.infer<typeof ZCreateInputSchema> }) {
  const created = await createApplicationCredential(ctx.ctx, ctx.session.auth.userId, {
    name: input.name,
    description: input.description,
    ...(input.secret ? { secret: input.secret } : {}),
    ...(input.expiresAt ? { expires_at: input.expiresAt } : {}),
    ...(input.roleIds.length ? { roles: input.roleIds.map((id) => ({ id })) } : {}),
    unrestricted: input.unrestricted,
  });
  const identity = identityEndpoint(await sessionCatalog(runtime().db, ctx.session));
  const rc = { authUrl: identity.url, regionName: identity.region, id: created.id, name: created.name, secret: created.secret };
  return {
    id: created.id,
    name: created.name,
    secret: created.secret,
    expiresAt: created.expiresAt,
    roles: created.roles.map((r) => r.name),
    files: {
      openrc: { name: `app-cred-${safeFileName(created.name)}-openrc.sh`, text: appCredentialOpenrc(rc) },
      cloudsYaml: { name: 'clouds.yaml', text: appCredentialCloudsYaml(rc) },
    },
  };
}
