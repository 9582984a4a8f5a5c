import type { z } from 'zod';
import { findVisibleImage } from '@nimbus/core/image/access';
import { propertiesOf } from '@nimbus/core/image/fields';
import { consoleImageView } from '@nimbus/core/image/console-images';
import { allowed, type ConsoleHandlerCtx } from '../identity/handler-context';
import type { ZGetInputSchema } from './get.schema';

export async function getHandler({ ctx, input }: { ctx: ConsoleHandlerCtx; input: z.infer<typeof ZGetInputSchema> }) {
  const image = await findVisibleImage(ctx.ctx, input.id, 'image:images:show');
  return {
    ...consoleImageView(ctx.ctx, image),
    osHashValue: image.osHashValue,
    tags: image.tags,
    properties: propertiesOf(image) as Record<string, unknown>,
    canPublicize: allowed(ctx, 'image:images:publicize', { project_id: image.ownerProjectId ?? '', owner: image.ownerProjectId ?? '', visibility: 'public' }),
  };
}
