import type { z } from 'zod';
import { consoleListServerGroups } from '@nimbus/core/compute/console-server-groups';
import { allowed, type ConsoleHandlerCtx } from '../../identity/handler-context';
import type { ZListInputSchema } from './list.schema';

export async function listHandler({ ctx, input }: { ctx: ConsoleHandlerCtx; input: z.input<typeof ZListInputSchema> }) {
  const page = await consoleListServerGroups(ctx.ctx, input);
  const target = { project_id: ctx.session.auth.projectId ?? null, user_id: ctx.session.auth.userId };
  return {
    ...page,
    can: { create: allowed(ctx, 'os_compute_api:os-server-groups:create', target), delete: allowed(ctx, 'os_compute_api:os-server-groups:delete', target) },
  };
}
