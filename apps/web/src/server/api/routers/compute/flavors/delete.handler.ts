import type { z } from 'zod';
import { deleteFlavor } from '@nimbus/core/compute/flavors';
import type { ConsoleHandlerCtx } from '../../identity/handler-context';
import type { ZDeleteInputSchema } from './delete.schema';

export async function deleteHandler({ ctx, input }: { ctx: ConsoleHandlerCtx; input: z.infer<typeof ZDeleteInputSchema> }) {
  await deleteFlavor(ctx.ctx, input.id);
  return { id: input.id };
}
