import type { z } from 'zod';
import { deleteGroup } from '@nimbus/core/identity/resources/groups';
import type { ConsoleHandlerCtx } from '../handler-context';
import type { ZDeleteInputSchema } from './delete.schema';

export async function deleteHandler({ ctx, input }: { ctx: ConsoleHandlerCtx; input: z.infer<typeof ZDeleteInputSchema> }) {
  await deleteGroup(ctx.ctx, input.id);
  return { id: input.id };
}
