import type { z } from 'zod';
import { Forbidden } from '@nimbus/shared';
import { deleteUser } from '@nimbus/core/identity/resources/users';
import type { ConsoleHandlerCtx } from '../handler-context';
import type { ZDeleteInputSchema } from './delete.schema';

export async function deleteHandler({ ctx, input }: { ctx: ConsoleHandlerCtx; input: z.infer<typeof ZDeleteInputSchema> }) {
  // The console would sign its own user out mid-request; Horizon refuses this too.
  if (input.id === ctx.session.auth.userId) throw new Forbidden('You cannot delete the user you are signed in as.');
  await deleteUser(ctx.ctx, input.id);
  return { id: input.id };
}
