import type { z } from 'zod';
import { consoleListKeyPairs } from '@nimbus/core/compute/console-keypairs';
import { allowed, type ConsoleHandlerCtx } from '../../identity/handler-context';
import type { ZListInputSchema } from './list.schema';

export async function listHandler({ ctx, input }: { ctx: ConsoleHandlerCtx; input: z.input<typeof ZListInputSchema> }) {
  const page = await consoleListKeyPairs(ctx.ctx, input);
  const target = { user_id: ctx.session.auth.userId, project_id: ctx.session.auth.projectId ?? null };
  return {
    ...page,
    can: { create: allowed(ctx, 'compute:keypairs:create', target), delete: allowed(ctx, 'compute:keypairs:delete', target) },
  };
}
