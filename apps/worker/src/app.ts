import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { PrismaClient } from '@nimbus/db';
import { createJobProducer } from '@nimbus/core/jobs/producer';
import type { Logger } from '@nimbus/core/logger';
import { JobName, QueueName } from '@nimbus/shared/queues';
import { Conductor } from './conductor/conductor.js';
import { markInstancesOnDownNodes } from './instances/power-sync.js';
import { NodeLiveness } from './nodes/liveness.js';
import { NodeRegistry } from './nodes/registry.js';
import { cleanupOrphans } from './periodic/cleanup.js';
import { every } from './periodic/every.js';
import { nodeHeartbeatProcessor } from './queues/node-heartbeat.processor.js';
import { nodeResultProcessor } from './queues/node-result.processor.js';
import { scheduleProcessor } from './queues/schedule.processor.js';
import { instanceNotifier } from './instances/notify.js';
import { createRedis } from './redis.js';
import { Scheduler } from './scheduler/schedule.js';
import type { WorkerSettings } from './settings.js';

export interface WorkerDeps {
  db: PrismaClient;
  redisUrl: string;
  prefix: string;
  settings: WorkerSettings;
  log: Logger;
}

/** Dispatches on the job name; a job this queue does not carry fails at once. */
function byName(queue: string, handlers: Record<string, (job: Job) => Promise<unknown>>) {
  return async (job: Job) => {
    const h = handlers[job.name];
    if (!h) throw new UnrecoverableError(`queue ${queue} does not carry job "${job.name}"`);
    return h(job);
  };
}

/**
 * The controller's background worker: node heartbeats → registry, scheduler, conductor, and the
 * periodic tasks (node liveness, power-state sync, orphan cleanup). Returns `close`, which stops
 * consumers and timers first and Redis last; the database client stays the caller's.
 */
export async function startWorker({ db, redisUrl, prefix, settings, log }: WorkerDeps) {
  const connection = createRedis(redisUrl);
  const jobs = createJobProducer(createRedis(redisUrl), prefix);
  const liveness = new NodeLiveness(connection, prefix, settings.NODE_DOWN_AFTER_MS);
  const registry = new NodeRegistry(db, settings.NODE_DOWN_AFTER_MS);
  const scheduler = new Scheduler(
    db,
    jobs,
    {
      multipliers: {
        ram: settings.SCHEDULER_RAM_WEIGHT_MULTIPLIER,
        cpu: settings.SCHEDULER_CPU_WEIGHT_MULTIPLIER,
        disk: settings.SCHEDULER_DISK_WEIGHT_MULTIPLIER,
        softAffinity: settings.SCHEDULER_SOFT_AFFINITY_WEIGHT_MULTIPLIER,
        softAntiAffinity: settings.SCHEDULER_SOFT_ANTI_AFFINITY_WEIGHT_MULTIPLIER,
      },
      hostSubsetSize: settings.SCHEDULER_HOST_SUBSET_SIZE,
      downAfterMs: settings.NODE_DOWN_AFTER_MS,
    },
    log.child({ component: 'scheduler' }),
  );
  const conductor = new Conductor(db, jobs, settings.SCHEDULER_MAX_ATTEMPTS, log.child({ component: 'conductor' }));
  const notify = instanceNotifier(db, connection, prefix);

  const common = { connection, prefix };
  const workers = [
    new Worker(
      QueueName.NodeHeartbeat,
      byName(QueueName.NodeHeartbeat, {
        [JobName.Heartbeat]: nodeHeartbeatProcessor(liveness, log.child({ queue: QueueName.NodeHeartbeat }), { db, registry }),
      }),
      { ...common, concurrency: 8 },
    ),
    new Worker(QueueName.Scheduler, byName(QueueName.Scheduler, { [JobName.Schedule]: scheduleProcessor(scheduler, notify) }), {
      ...common,
      concurrency: settings.SCHEDULER_CONCURRENCY,
    }),
    new Worker(QueueName.Conductor, byName(QueueName.Conductor, { [JobName.NodeResult]: nodeResultProcessor(conductor, notify) }), {
      ...common,
      concurrency: settings.CONDUCTOR_CONCURRENCY,
    }),
  ];
  for (const w of workers) {
    w.on('failed', (job, err) => log.warn({ queue: w.name, jobId: job?.id, err }, 'job failed'));
    w.on('error', (err) => log.error({ queue: w.name, err }, 'queue worker error'));
  }

  const plog = log.child({ component: 'periodic' });
  const periodic = every(
    settings.PERIODIC_INTERVAL_MS,
    async () => {
      for (const node of await liveness.markStale()) plog.debug({ node }, 'node silent (redis liveness)');
      for (const node of await registry.markStale()) plog.warn({ node, silentForMs: settings.NODE_DOWN_AFTER_MS }, 'compute node down: no heartbeat');
      const unknown = await markInstancesOnDownNodes(db);
      if (unknown) plog.warn({ instances: unknown }, 'instances on down nodes: power state unknown');
      await cleanupOrphans(db, jobs, settings.TASK_TIMEOUT_MS, plog);
    },
    plog,
  );
  log.info({ queues: workers.map((w) => w.name), prefix }, 'worker up');

  return {
    async close(): Promise<void> {
      await Promise.all(workers.map((w) => w.close()));
      await periodic.stop();
      await jobs.close();
      await connection.quit();
    },
  };
}
