import type { z } from 'zod';
import { deleteImage } from '@nimbus/core/image/images';
import type { ConsoleHandlerCtx } from '../identity/handler-context';
import type { ZDeleteInputSchema } from './delete.schema';
import { imageStore } from './store';

export async function deleteHandler({ ctx, input }: { ctx: ConsoleHandlerCtx; input: z.infer<typeof ZDeleteInputSchema> }) {
  await deleteImage(ctx.ctx, imageStore(), input.id);
  return { id: input.id };
}
