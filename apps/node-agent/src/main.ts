import { Queue, Worker } from 'bullmq';
import { loadConfig } from '@nimbus/core/config';
import { createLogger } from '@nimbus/core/logger';
import { NodeNameSchema, NodeRole, nodeQueueName, QueueName } from '@nimbus/shared/queues';
import { Heartbeater } from './heartbeat.js';
import { nodeJobProcessor } from './jobs/index.js';
import { createRedis } from './redis.js';
import { AGENT_VERSION } from './version.js';

/**
 * The node agent: announces this host and its capacity to the controller, then carries out the
 * jobs sent to its own queue. It talks to Redis only — never to the database (DESIGN.md §1).
 */
const config = loadConfig();
const root = createLogger('node-agent', config.LOG_LEVEL);

const nodeParse = NodeNameSchema.safeParse(config.NODE_NAME);
const rolesParse = NodeRole.array().min(1).safeParse(config.NODE_ROLES.split(',').map((r) => r.trim()));
if (!nodeParse.success || !rolesParse.success) {
  root.fatal(
    { NODE_NAME: nodeParse.error?.issues[0]?.message, NODE_ROLES: rolesParse.error?.issues[0]?.message },
    'invalid NODE_NAME or NODE_ROLES',
  );
  process.exit(78);
}
const node = nodeParse.data;
const log = root.child({ node });

const connection = createRedis(config.REDIS_URL);
const prefix = config.REDIS_PREFIX;
const heartbeatQueue = new Queue(QueueName.NodeHeartbeat, {
  connection,
  prefix,
  // Heartbeats are worthless once superseded: no retries, nothing kept after processing.
  defaultJobOptions: { attempts: 1, removeOnComplete: true, removeOnFail: { count: 100 } },
});
const heartbeater = new Heartbeater(
  heartbeatQueue,
  { node, roles: rolesParse.data, version: AGENT_VERSION, startedAt: new Date() },
  log.child({ component: 'heartbeat' }),
);
const worker = new Worker(nodeQueueName(node), nodeJobProcessor(node, AGENT_VERSION, log), {
  connection,
  prefix,
  concurrency: 4,
});
worker.on('failed', (job, err) => log.warn({ jobId: job?.id, job: job?.name, err }, 'job failed'));
worker.on('error', (err) => log.error({ err }, 'queue worker error'));

await heartbeater.start();
log.info({ roles: rolesParse.data, version: AGENT_VERSION, queue: nodeQueueName(node) }, 'node agent up');

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'node agent stopping');
  // Workers and queues first, Redis last: closing Redis under a busy worker loses its job lock.
  await worker.close();
  await heartbeater.stop();
  await heartbeatQueue.close();
  await connection.quit();
  log.info('node agent stopped');
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
