import type { z } from 'zod';
import { consoleListQuotas } from '@nimbus/core/compute/console-quotas';
import type { ConsoleHandlerCtx } from '../../identity/handler-context';
import type { ZListInputSchema } from './list.schema';

export async function listHandler({ ctx, input }: { ctx: ConsoleHandlerCtx; input: z.input<typeof ZListInputSchema> }) {
  return consoleListQuotas(ctx.ctx, input);
}
