import type { z } from 'zod';
import { consoleListMyAppCredentials } from '@nimbus/core/identity/resources/console-app-credentials';
import { allowed, type ConsoleHandlerCtx } from '../handler-context';
import type { ZListInputSchema } from './list.schema';

export async function listHandler({ ctx, input }: { ctx: ConsoleHandlerCtx; input: z.input<typeof ZListInputSchema> }) {
  const { auth } = ctx.session;
  const [page, myRoles] = await Promise.all([
    consoleListMyAppCredentials(ctx.ctx, input),
    // The roles a new credential may carry: those of this session's token on its project.
    ctx.ctx.db.role.findMany({ where: { id: { in: auth.roleIds } }, select: { id: true, name: true }, orderBy: { name: 'asc' } }),
  ]);
  const self = { target: { user: { id: auth.userId } }, user_id: auth.userId };
  return {
    ...page,
    project: { id: auth.projectId ?? '', name: auth.projectName ?? '' },
    myRoles,
    can: {
      create: allowed(ctx, 'identity:create_application_credential', self),
      delete: allowed(ctx, 'identity:delete_application_credential', self),
    },
  };
}
