import type { z } from 'zod';
import { deleteApplicationCredential } from '@nimbus/core/identity/resources/application-credentials';
import type { ConsoleHandlerCtx } from '../handler-context';
import type { ZDeleteInputSchema } from './delete.schema';

/** Only the caller's own credentials: another user's id answers 404. */
export async function deleteHandler({ ctx, input }: { ctx: ConsoleHandlerCtx; input: z.infer<typeof ZDeleteInputSchema> }) {
  await deleteApplicationCredential(ctx.ctx, ctx.session.auth.userId, input.id);
  return { id: input.id };
}
