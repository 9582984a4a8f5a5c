import type { z } from 'zod';
import { consoleGetServer } from '@nimbus/core/compute/console-servers';
import { instanceNodeDriver } from '@nimbus/core/compute/node-driver';
import { CONSOLE_RULE } from '@nimbus/core/compute/consoles/serial';
import { allowed, type ConsoleHandlerCtx } from '../../identity/handler-context';
import { serverCan } from './list.handler';
import type { ZGetInputSchema } from './get.schema';

export async function getHandler({ ctx, input }: { ctx: ConsoleHandlerCtx; input: z.infer<typeof ZGetInputSchema> }) {
  const server = await consoleGetServer(ctx.ctx, input.id);
  return {
    server,
    can: { ...serverCan(ctx), serialConsole: allowed(ctx, CONSOLE_RULE, { project_id: server.projectId }) },
    hypervisor: await instanceNodeDriver(ctx.ctx, server.id),
  };
}
