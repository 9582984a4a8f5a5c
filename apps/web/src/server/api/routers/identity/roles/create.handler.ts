import type { z } from 'zod';
import { createRole } from '@nimbus/core/identity/resources/roles';
import type { ConsoleHandlerCtx } from '../handler-context';
import type { ZCreateInputSchema } from './create.schema';

export async function createHandler({ ctx, input }: { ctx: ConsoleHandlerCtx; input: z.infer<typeof ZCreateInputSchema> }) {
  const role = await createRole(ctx.ctx, { name: input.name, description: input.description });
  return { id: role.id, name: role.name };
}
