import type { z } from 'zod';
import { createGrant } from '@nimbus/core/identity/resources/grants';
import { createUser } from '@nimbus/core/identity/resources/users';
import type { ConsoleHandlerCtx } from '../handler-context';
import type { ZCreateInputSchema } from './create.schema';

/**
 * Creates the user, then grants the role on the primary project (as Horizon does). Both are
 * authorized by the core services; if the grant is refused the user still exists and the error
 * says so, so the admin can assign the role from the project page.
 */
export async function createHandler({ ctx, input }: { ctx: ConsoleHandlerCtx; input: z.infer<typeof ZCreateInputSchema> }) {
  const user = await createUser(ctx.ctx, {
    name: input.name,
    ...(input.email ? { email: input.email } : {}),
    description: input.description,
    ...(input.password ? { password: input.password } : {}),
    enabled: input.enabled,
    ...(input.projectId ? { default_project_id: input.projectId } : {}),
  });
  if (input.projectId && input.roleId) {
    await createGrant(ctx.ctx, { actor: { userId: user.id }, scope: { projectId: input.projectId } }, input.roleId);
  }
  return { id: user.id, name: user.name };
}
