import type { z } from 'zod';
import { consoleListGroups } from '@nimbus/core/identity/resources/console-groups';
import { allowed, type ConsoleHandlerCtx } from '../handler-context';
import type { ZListInputSchema } from './list.schema';

export async function listHandler({ ctx, input }: { ctx: ConsoleHandlerCtx; input: z.input<typeof ZListInputSchema> }) {
  const page = await consoleListGroups(ctx.ctx, input);
  return {
    ...page,
    can: {
      create: allowed(ctx, 'identity:create_group'),
      update: allowed(ctx, 'identity:update_group'),
      delete: allowed(ctx, 'identity:delete_group'),
    },
  };
}
