import type { z } from 'zod';
import { deleteRole } from '@nimbus/core/identity/resources/roles';
import type { ConsoleHandlerCtx } from '../handler-context';
import type { ZDeleteInputSchema } from './delete.schema';

/** Removes every grant of the role too (the core service revokes the affected tokens). */
export async function deleteHandler({ ctx, input }: { ctx: ConsoleHandlerCtx; input: z.infer<typeof ZDeleteInputSchema> }) {
  await deleteRole(ctx.ctx, input.id);
  return { id: input.id };
}
