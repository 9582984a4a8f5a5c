import type { z } from 'zod';
import { consoleListRoles } from '@nimbus/core/identity/resources/console-roles';
import { allowed, type ConsoleHandlerCtx } from '../handler-context';
import type { ZListInputSchema } from './list.schema';

export async function listHandler({ ctx, input }: { ctx: ConsoleHandlerCtx; input: z.input<typeof ZListInputSchema> }) {
  const page = await consoleListRoles(ctx.ctx, input);
  return {
    ...page,
    can: { create: allowed(ctx, 'identity:create_role'), delete: allowed(ctx, 'identity:delete_role') },
  };
}
