import type { z } from 'zod';
import { updateService } from '@nimbus/core/compute/services';
import { publishChange } from '@nimbus/core/events/changes';
import type { ConsoleHandlerCtx } from '../../identity/handler-context';
import type { ZSetEnabledInputSchema } from './set-enabled.schema';

/** Enable or disable a compute node (os-services): a disabled node takes no new instances. */
export async function setEnabledHandler({ ctx, input }: { ctx: ConsoleHandlerCtx; input: z.infer<typeof ZSetEnabledInputSchema> }) {
  const node = await updateService(ctx.ctx, input.id, input.enabled ? { status: 'enabled' } : { status: 'disabled', ...(input.reason ? { disabled_reason: input.reason } : {}) });
  await publishChange(ctx.ctx.redis, ctx.ctx.keyPrefix, { type: 'hypervisor', id: node.id, projectId: null });
  return { id: node.id, enabled: node.enabled };
}
