import { getLimits } from '@nimbus/core/quota/quota-sets';
import type { ConsoleHandlerCtx } from '../../identity/handler-context';

/** The signed-in project's compute limits and usage (Project → Overview charts). */
export async function usageHandler({ ctx }: { ctx: ConsoleHandlerCtx }) {
  const l = await getLimits(ctx.ctx);
  return {
    instances: { used: l.used.instances, limit: l.limits.instances },
    cores: { used: l.used.cores, limit: l.limits.cores },
    ram: { used: l.used.ram, limit: l.limits.ram },
    keyPairs: { used: l.used.key_pairs, limit: l.limits.key_pairs },
  };
}
