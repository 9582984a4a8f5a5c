import type { z } from 'zod';
import { consoleGetServer } from '@nimbus/core/compute/console-servers';
import type { ConsoleHandlerCtx } from '../../identity/handler-context';
import { serverCan } from './list.handler';
import type { ZGetInputSchema } from './get.schema';

export async function getHandler({ ctx, input }: { ctx: ConsoleHandlerCtx; input: z.infer<typeof ZGetInputSchema> }) {
  return { server: await consoleGetServer(ctx.ctx, input.id), can: serverCan(ctx) };
}
