import type { z } from 'zod';
import { consoleListServers } from '@nimbus/core/compute/console-servers';
import { allowed, type ConsoleHandlerCtx } from '../../identity/handler-context';
import type { ZListInputSchema } from './list.schema';

/** Policy per action for the caller's project, so the table offers only what the API will accept. */
export function serverCan(ctx: ConsoleHandlerCtx) {
  const target = { project_id: ctx.session.auth.projectId ?? '', user_id: ctx.session.auth.userId };
  return {
    create: allowed(ctx, 'compute:servers:create', target),
    start: allowed(ctx, 'compute:servers:start', target),
    stop: allowed(ctx, 'compute:servers:stop', target),
    reboot: allowed(ctx, 'compute:servers:reboot', target),
    pause: allowed(ctx, 'compute:servers:pause', target),
    unpause: allowed(ctx, 'compute:servers:unpause', target),
    suspend: allowed(ctx, 'compute:servers:suspend', target),
    resume: allowed(ctx, 'compute:servers:resume', target),
    delete: allowed(ctx, 'compute:servers:delete', target),
    consoleOutput: allowed(ctx, 'compute:servers:console_output', target),
    createImage: allowed(ctx, 'compute:servers:create_image', target),
  };
}

export async function listHandler({ ctx, input }: { ctx: ConsoleHandlerCtx; input: z.input<typeof ZListInputSchema> }) {
  const page = await consoleListServers(ctx.ctx, input);
  return { ...page, can: serverCan(ctx) };
}
