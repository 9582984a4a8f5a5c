import type { Logger } from '@nimbus/core/logger';
import { NODE_DOWN_AFTER_MS } from '@nimbus/shared/queues';
import type { NodeLiveness } from '../nodes/liveness.js';

/**
 * Every few seconds, declares down the nodes silent for NODE_DOWN_AFTER_MS. Several workers may
 * run this at once: the store reports each node going down to exactly one of them.
 */
export function startNodeLivenessCheck(liveness: NodeLiveness, log: Logger, everyMs = NODE_DOWN_AFTER_MS / 6) {
  let running: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    running = liveness
      .markStale()
      .then((down) => {
        for (const node of down) log.warn({ node, silentForMs: NODE_DOWN_AFTER_MS }, 'node down: no heartbeat');
      })
      .catch((err: unknown) => log.error({ err }, 'node liveness check failed'));
  }, everyMs);
  return {
    async stop(): Promise<void> {
      clearInterval(timer);
      await running;
    },
  };
}
