import type { z } from 'zod';
import { consoleListProjects } from '@nimbus/core/identity/resources/console-projects';
import { allowed, type ConsoleHandlerCtx } from '../handler-context';
import type { ZListInputSchema } from './list.schema';

export async function listHandler({ ctx, input }: { ctx: ConsoleHandlerCtx; input: z.input<typeof ZListInputSchema> }) {
  const page = await consoleListProjects(ctx.ctx, input);
  return {
    ...page,
    can: {
      create: allowed(ctx, 'identity:create_project'),
      update: allowed(ctx, 'identity:update_project'),
      delete: allowed(ctx, 'identity:delete_project'),
      grant: allowed(ctx, 'identity:create_grant'),
    },
  };
}
