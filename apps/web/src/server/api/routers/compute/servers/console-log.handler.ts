import type { z } from 'zod';
import { getConsoleOutput } from '@nimbus/core/compute/servers/actions';
import type { ConsoleHandlerCtx } from '../../identity/handler-context';
import type { ZConsoleLogInputSchema } from './console-log.schema';

export async function consoleLogHandler({ ctx, input }: { ctx: ConsoleHandlerCtx; input: z.infer<typeof ZConsoleLogInputSchema> }) {
  return { output: await getConsoleOutput(ctx.ctx, input.id, input.length ? { length: input.length } : {}) };
}
