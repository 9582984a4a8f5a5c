import type { z } from 'zod';
import { deleteServerGroup } from '@nimbus/core/compute/server-groups';
import type { ConsoleHandlerCtx } from '../../identity/handler-context';
import type { ZDeleteInputSchema } from './delete.schema';

export async function deleteHandler({ ctx, input }: { ctx: ConsoleHandlerCtx; input: z.infer<typeof ZDeleteInputSchema> }) {
  await deleteServerGroup(ctx.ctx, input.id);
  return { id: input.id };
}
