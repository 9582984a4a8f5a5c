import type { z } from 'zod';
import { createServerImage } from '@nimbus/core/compute/servers/actions';
import { publishChanges } from '@nimbus/core/events/changes';
import type { ConsoleHandlerCtx } from '../../identity/handler-context';
import type { ZCreateImageInputSchema } from './create-image.schema';

/** Takes a snapshot of the server into a new private image of its project; answers the image id. */
export async function createImageHandler({ ctx, input }: { ctx: ConsoleHandlerCtx; input: z.infer<typeof ZCreateImageInputSchema> }) {
  const imageId = await createServerImage(ctx.ctx, input.id, { name: input.name });
  await publishChanges(ctx.ctx.redis, ctx.ctx.keyPrefix, [{ type: 'instance' as const, id: input.id, projectId: ctx.session.auth.projectId ?? null }]);
  return { imageId };
}
