import type { z } from 'zod';
import { updateProject } from '@nimbus/core/identity/resources/projects';
import type { ConsoleHandlerCtx } from '../handler-context';
import type { ZUpdateInputSchema } from './update.schema';

export async function updateHandler({ ctx, input }: { ctx: ConsoleHandlerCtx; input: z.infer<typeof ZUpdateInputSchema> }) {
  const { id, ...changes } = input;
  const project = await updateProject(ctx.ctx, id, changes);
  return { id: project.id, name: project.name, enabled: project.enabled };
}
