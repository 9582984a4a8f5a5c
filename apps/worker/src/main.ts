import { Worker } from 'bullmq';
import { loadConfig } from '@nimbus/core/config';
import { createLogger } from '@nimbus/core/logger';
import { QueueName } from '@nimbus/shared/queues';
import { NodeLiveness } from './nodes/liveness.js';
import { startNodeLivenessCheck } from './periodic/node-liveness.js';
import { nodeHeartbeatProcessor } from './queues/node-heartbeat.processor.js';
import { createRedis } from './redis.js';

/**
 * The controller's background worker. For now: node heartbeats → liveness, and the periodic check
 * that declares silent nodes down. Scheduler and conductor consumers arrive with compute.
 */
const config = loadConfig();
const log = createLogger('worker', config.LOG_LEVEL);

const connection = createRedis(config.REDIS_URL);
const liveness = new NodeLiveness(connection, config.REDIS_PREFIX);

const workers = [
  new Worker(QueueName.NodeHeartbeat, nodeHeartbeatProcessor(liveness, log.child({ queue: QueueName.NodeHeartbeat })), {
    connection,
    prefix: config.REDIS_PREFIX,
    concurrency: 8,
  }),
];
for (const w of workers) {
  w.on('failed', (job, err) => log.warn({ queue: w.name, jobId: job?.id, err }, 'job failed'));
  w.on('error', (err) => log.error({ queue: w.name, err }, 'queue worker error'));
}
const livenessCheck = startNodeLivenessCheck(liveness, log.child({ periodic: 'node-liveness' }));
log.info({ queues: workers.map((w) => w.name), prefix: config.REDIS_PREFIX }, 'worker up');

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'worker stopping');
  // Consumers and timers first, Redis last, so no job is left holding a lock on a dead connection.
  await Promise.all(workers.map((w) => w.close()));
  await livenessCheck.stop();
  await connection.quit();
  log.info('worker stopped');
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
