import type { z } from 'zod';
import { updateUser } from '@nimbus/core/identity/resources/users';
import type { ConsoleHandlerCtx } from '../handler-context';
import type { ZSetPasswordInputSchema } from './set-password.schema';

/** Every token of the user is revoked by the core service (password changed). */
export async function setPasswordHandler({ ctx, input }: { ctx: ConsoleHandlerCtx; input: z.infer<typeof ZSetPasswordInputSchema> }) {
  await updateUser(ctx.ctx, input.id, { password: input.password });
  return { id: input.id };
}
