import type { z } from 'zod';
import { createProject } from '@nimbus/core/identity/resources/projects';
import type { ConsoleHandlerCtx } from '../handler-context';
import type { ZCreateInputSchema } from './create.schema';

export async function createHandler({ ctx, input }: { ctx: ConsoleHandlerCtx; input: z.infer<typeof ZCreateInputSchema> }) {
  const project = await createProject(ctx.ctx, {
    name: input.name,
    description: input.description,
    enabled: input.enabled,
    ...(input.parentId ? { parent_id: input.parentId } : {}),
  });
  return { id: project.id, name: project.name };
}
