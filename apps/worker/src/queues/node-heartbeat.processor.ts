import type { Job } from 'bullmq';
import type { Logger } from '@nimbus/core/logger';
import { NodeHeartbeatSchema } from '@nimbus/shared/queues';
import type { HeartbeatOutcome, NodeLiveness } from '../nodes/liveness.js';

/** Records each heartbeat in the liveness store and logs the transitions it causes. */
export function nodeHeartbeatProcessor(liveness: NodeLiveness, log: Logger) {
  return async (job: Job): Promise<HeartbeatOutcome> => {
    const beat = NodeHeartbeatSchema.parse(job.data);
    const outcome = await liveness.record(beat);
    const about = { node: beat.node, roles: beat.roles, version: beat.version, capacity: beat.capacity };
    if (outcome === 'joined') log.info(about, 'node joined');
    else if (outcome === 'back-up') log.info(about, 'node back up');
    else if (outcome === 'left') log.info({ node: beat.node }, 'node left');
    else if (outcome === 'ignored') log.warn({ node: beat.node, sentAt: beat.sentAt }, 'stale heartbeat ignored');
    return outcome;
  };
}
