import type { z } from 'zod';
import { updateUser } from '@nimbus/core/identity/resources/users';
import type { ConsoleHandlerCtx } from '../handler-context';
import type { ZUpdateInputSchema } from './update.schema';

export async function updateHandler({ ctx, input }: { ctx: ConsoleHandlerCtx; input: z.infer<typeof ZUpdateInputSchema> }) {
  const user = await updateUser(ctx.ctx, input.id, {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.email !== undefined ? { email: input.email || null } : {}),
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(input.projectId !== undefined ? { default_project_id: input.projectId || null } : {}),
    ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
  });
  return { id: user.id, name: user.name, enabled: user.enabled };
}
