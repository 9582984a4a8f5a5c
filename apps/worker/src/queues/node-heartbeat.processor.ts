import type { Job } from 'bullmq';
import type { Logger } from '@nimbus/core/logger';
import { NodeHeartbeatSchema } from '@nimbus/shared/queues';
import type { PrismaClient } from '@nimbus/db';
import { syncPowerStates } from '../instances/power-sync.js';
import type { HeartbeatOutcome, NodeLiveness } from '../nodes/liveness.js';
import type { NodeRegistry } from '../nodes/registry.js';

/** With a database: compute nodes go into it (the truth), and their guests' power states are synced. */
export interface HeartbeatDb {
  db: PrismaClient;
  registry: NodeRegistry;
}

/**
 * Records each heartbeat in the Redis liveness store (quick view of every node, any role) and,
 * for compute nodes, in the database; logs the transitions it causes.
 */
export function nodeHeartbeatProcessor(liveness: NodeLiveness, log: Logger, store?: HeartbeatDb) {
  return async (job: Job): Promise<HeartbeatOutcome> => {
    const beat = NodeHeartbeatSchema.parse(job.data);
    const outcome = await liveness.record(beat);
    const about = { node: beat.node, roles: beat.roles, version: beat.version, capacity: beat.capacity, driver: beat.driver?.name, fake: beat.driver?.fake };
    if (store) {
      const registered = await store.registry.record(beat);
      if (registered === 'joined') log.info({ ...about, az: beat.availabilityZone }, beat.driver?.fake ? 'compute node registered (FAKE driver)' : 'compute node registered');
      if (beat.instances && beat.kind !== 'leave' && registered !== 'ignored') {
        await syncPowerStates(store.db, beat.node, beat.instances, new Date(beat.sentAt), log);
      }
    }
    if (outcome === 'joined') log.info(about, 'node joined');
    else if (outcome === 'back-up') log.info(about, 'node back up');
    else if (outcome === 'left') log.info({ node: beat.node }, 'node left');
    else if (outcome === 'ignored') log.warn({ node: beat.node, sentAt: beat.sentAt }, 'stale heartbeat ignored');
    return outcome;
  };
}
