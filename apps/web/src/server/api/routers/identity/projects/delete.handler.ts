import type { z } from 'zod';
import { deleteProject } from '@nimbus/core/identity/resources/projects';
import type { ConsoleHandlerCtx } from '../handler-context';
import type { ZDeleteInputSchema } from './delete.schema';

export async function deleteHandler({ ctx, input }: { ctx: ConsoleHandlerCtx; input: z.infer<typeof ZDeleteInputSchema> }) {
  await deleteProject(ctx.ctx, input.id);
  return { id: input.id };
}
