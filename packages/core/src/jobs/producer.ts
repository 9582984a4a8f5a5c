import { Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import {
  JobName,
  QueueName,
  jobId,
  nodeQueueName,
  type ConsoleOutputJob,
  type ConsoleOutputResult,
  type InstanceActionJob,
  type ScheduleJob,
} from '@nimbus/shared/queues';
import { ServiceUnavailable } from '@nimbus/shared';

/**
 * How the API side hands work to the worker and the nodes (DESIGN.md §5). Jobs carry ids only;
 * ids are deterministic so a retried request does not enqueue the same step twice.
 */
export interface JobProducer {
  schedule(job: ScheduleJob): Promise<void>;
  instanceAction(node: string, job: InstanceActionJob): Promise<void>;
  /** Asks the node and waits for its answer; ServiceUnavailable when it does not answer in time. */
  consoleOutput(node: string, job: ConsoleOutputJob, timeoutMs?: number): Promise<ConsoleOutputResult>;
  close(): Promise<void>;
}

const KEEP = { removeOnComplete: { age: 3600, count: 1000 }, removeOnFail: { age: 24 * 3600 } };

/** The producer owns `connection` (a BullMQ-style one: `maxRetriesPerRequest: null`) and quits it on close. */
export function createJobProducer(connection: Redis, prefix: string): JobProducer {
  const queues = new Map<string, Queue>();
  const events = new Map<string, { events: QueueEvents; conn: Redis }>();
  const queue = (name: string) => {
    let q = queues.get(name);
    if (!q) {
      q = new Queue(name, { connection, prefix });
      queues.set(name, q);
    }
    return q;
  };
  const queueEvents = (name: string) => {
    let e = events.get(name);
    if (!e) {
      // QueueEvents blocks on its connection, so it gets one of its own (closed with the producer).
      const conn = connection.duplicate({ maxRetriesPerRequest: null });
      e = { events: new QueueEvents(name, { connection: conn, prefix }), conn };
      events.set(name, e);
    }
    return e.events;
  };

  return {
    async schedule(job) {
      await queue(QueueName.Scheduler).add(JobName.Schedule, job, {
        jobId: jobId('schedule', job.instanceId, job.attempt),
        attempts: 3,
        backoff: { type: 'exponential', delay: 500 },
        ...KEEP,
      });
    },
    async instanceAction(node, job) {
      await queue(nodeQueueName(node)).add(JobName.InstanceAction, job, {
        jobId: jobId(job.step, job.instanceId, job.attempt, job.requestId),
        ...KEEP,
      });
    },
    async consoleOutput(node, job, timeoutMs = 10_000) {
      const name = nodeQueueName(node);
      const events = queueEvents(name);
      await events.waitUntilReady();
      const added = await queue(name).add(JobName.ConsoleOutput, job, { removeOnComplete: { age: 60 }, removeOnFail: { age: 600 } });
      try {
        return (await added.waitUntilFinished(events, timeoutMs)) as ConsoleOutputResult;
      } catch (err) {
        throw new ServiceUnavailable(`Compute node ${node} did not return the console output in time.`, { cause: err });
      }
    },
    async close() {
      await Promise.all(
        [...events.values()].map(async (e) => {
          await e.events.close();
          await e.conn.quit();
        }),
      );
      await Promise.all([...queues.values()].map((q) => q.close()));
      await connection.quit();
    },
  };
}
