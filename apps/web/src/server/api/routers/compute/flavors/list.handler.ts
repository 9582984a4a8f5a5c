import type { z } from 'zod';
import { consoleListFlavors } from '@nimbus/core/compute/console-flavors';
import { allowed, type ConsoleHandlerCtx } from '../../identity/handler-context';
import type { ZListInputSchema } from './list.schema';

export async function listHandler({ ctx, input }: { ctx: ConsoleHandlerCtx; input: z.input<typeof ZListInputSchema> }) {
  const page = await consoleListFlavors(ctx.ctx, input);
  const target = { project_id: ctx.session.auth.projectId ?? null };
  return { ...page, can: { create: allowed(ctx, 'compute:flavors:create', target), delete: allowed(ctx, 'compute:flavors:delete', target) } };
}
