import type { z } from 'zod';
import { consoleListUsers } from '@nimbus/core/identity/resources/console-users';
import { allowed, type ConsoleHandlerCtx } from '../handler-context';
import type { ZListInputSchema } from './list.schema';

export async function listHandler({ ctx, input }: { ctx: ConsoleHandlerCtx; input: z.input<typeof ZListInputSchema> }) {
  const page = await consoleListUsers(ctx.ctx, input);
  return {
    ...page,
    selfId: ctx.session.auth.userId,
    can: {
      create: allowed(ctx, 'identity:create_user'),
      update: allowed(ctx, 'identity:update_user'),
      delete: allowed(ctx, 'identity:delete_user'),
      grant: allowed(ctx, 'identity:create_grant'),
    },
  };
}
