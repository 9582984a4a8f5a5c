import type { z } from 'zod';
import { publishChange } from '@nimbus/core/events/changes';
import { updateQuotaClass, updateQuotaSet } from '@nimbus/core/quota/quota-sets';
import type { ConsoleHandlerCtx } from '../../identity/handler-context';
import type { ZUpdateInputSchema } from './update.schema';

export async function updateHandler({ ctx, input }: { ctx: ConsoleHandlerCtx; input: z.infer<typeof ZUpdateInputSchema> }) {
  const limits = input.projectId ? await updateQuotaSet(ctx.ctx, input.projectId, input.values) : await updateQuotaClass(ctx.ctx, 'default', input.values);
  await publishChange(ctx.ctx.redis, ctx.ctx.keyPrefix, { type: 'quota', id: input.projectId ?? 'defaults', projectId: input.projectId ?? null });
  return limits;
}
