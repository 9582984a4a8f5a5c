import type { z } from 'zod';
import { createServerGroup } from '@nimbus/core/compute/server-groups';
import type { ConsoleHandlerCtx } from '../../identity/handler-context';
import type { ZCreateInputSchema } from './create.schema';

export async function createHandler({ ctx, input }: { ctx: ConsoleHandlerCtx; input: z.infer<typeof ZCreateInputSchema> }) {
  const group = await createServerGroup(ctx.ctx, {
    name: input.name,
    policy: input.policy,
    ...(input.maxServerPerHost !== undefined ? { rules: { max_server_per_host: input.maxServerPerHost } } : {}),
  });
  return { id: group.id, name: group.name };
}
