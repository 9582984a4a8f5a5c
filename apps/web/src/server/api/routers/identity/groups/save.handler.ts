import type { z } from 'zod';
import { createGroup, updateGroup } from '@nimbus/core/identity/resources/groups';
import type { ConsoleHandlerCtx } from '../handler-context';
import type { ZSaveInputSchema } from './save.schema';

export async function saveHandler({ ctx, input }: { ctx: ConsoleHandlerCtx; input: z.infer<typeof ZSaveInputSchema> }) {
  const fields = { name: input.name, description: input.description };
  const group = input.id ? await updateGroup(ctx.ctx, input.id, fields) : await createGroup(ctx.ctx, fields);
  return { id: group.id, name: group.name };
}
