import type { z } from 'zod';
import { consoleInstanceActions } from '@nimbus/core/compute/console-servers';
import type { ConsoleHandlerCtx } from '../../identity/handler-context';
import type { ZGetInputSchema } from './get.schema';

export async function actionLogHandler({ ctx, input }: { ctx: ConsoleHandlerCtx; input: z.infer<typeof ZGetInputSchema> }) {
  return consoleInstanceActions(ctx.ctx, input.id);
}
