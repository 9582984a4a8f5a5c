import type { z } from 'zod';
import { consoleListImages } from '@nimbus/core/image/console-images';
import { allowed, type ConsoleHandlerCtx } from '../identity/handler-context';
import type { ZListInputSchema } from './list.schema';

export async function listHandler({ ctx, input }: { ctx: ConsoleHandlerCtx; input: z.input<typeof ZListInputSchema> }) {
  const page = await consoleListImages(ctx.ctx, input);
  const project = ctx.session.auth.projectId ?? '';
  const target = { project_id: project, owner: project, visibility: 'private' };
  return {
    ...page,
    can: {
      create: allowed(ctx, 'image:images:create', target),
      upload: allowed(ctx, 'image:images:upload', target),
      publicize: allowed(ctx, 'image:images:publicize', { ...target, visibility: 'public' }),
    },
  };
}
