import type { z } from 'zod';
import { openSerialConsole } from '@nimbus/core/compute/consoles/serial';
import { runtime } from '../../../runtime';
import type { ConsoleHandlerCtx } from '../identity/handler-context';
import type { ZSerialConsoleInputSchema } from './serial-console.schema';

/** The Console tab's one-time WebSocket URL, by the same service as Nova's remote-consoles. */
export async function serialConsoleHandler({ ctx, input }: { ctx: ConsoleHandlerCtx; input: z.infer<typeof ZSerialConsoleInputSchema> }) {
  const { config } = runtime();
  return openSerialConsole(ctx.ctx, input.id, { publicUrl: config.publicUrl, ttlSeconds: config.CONSOLE_TOKEN_TTL_S });
}
