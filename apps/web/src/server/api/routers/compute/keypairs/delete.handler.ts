import type { z } from 'zod';
import { deleteKeyPair } from '@nimbus/core/compute/keypairs';
import type { ConsoleHandlerCtx } from '../../identity/handler-context';
import type { ZDeleteInputSchema } from './delete.schema';

export async function deleteHandler({ ctx, input }: { ctx: ConsoleHandlerCtx; input: z.infer<typeof ZDeleteInputSchema> }) {
  await deleteKeyPair(ctx.ctx, input.name);
  return { name: input.name };
}
