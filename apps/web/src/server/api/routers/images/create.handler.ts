import type { z } from 'zod';
import { createImage } from '@nimbus/core/image/images';
import { publishChange } from '@nimbus/core/events/changes';
import type { ConsoleHandlerCtx } from '../identity/handler-context';
import type { ZCreateInputSchema } from './create.schema';

export const IMAGE_FIELD_ALIASES = { disk_format: 'diskFormat', container_format: 'containerFormat', min_disk: 'minDisk', min_ram: 'minRam' } as const;

export async function createHandler({ ctx, input }: { ctx: ConsoleHandlerCtx; input: z.infer<typeof ZCreateInputSchema> }) {
  const image = await createImage(ctx.ctx, {
    name: input.name,
    disk_format: input.diskFormat,
    container_format: input.containerFormat,
    visibility: input.visibility,
    min_disk: input.minDisk,
    min_ram: input.minRam,
    protected: input.protected,
  });
  await publishChange(ctx.ctx.redis, ctx.ctx.keyPrefix, { type: 'image', id: image.id, projectId: image.ownerProjectId });
  return { id: image.id, name: image.name };
}
