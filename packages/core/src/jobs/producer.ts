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
  type NetworkSyncJob,
  type ScheduleJob,
  type SerialConsoleJob,
  type SerialConsoleResult,
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
  /** Where the guest's serial port listens on the node; ServiceUnavailable as for consoleOutput. */
  serialConsole(node: string, job: SerialConsoleJob, timeoutMs?: number): Promise<SerialConsoleResult>;
  /** Asks a network node to converge on generation `job.generation` or newer; one job per node and generation. */
  networkSync(node: string, job: NetworkSyncJob): Promise<void>;
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
  const ask = async <T>(node: string, name: JobName, job: object, timeoutMs: number, what: string): Promise<T> => {
    const queueName = nodeQueueName(node);
    const events = queueEvents(queueName);
    await events.waitUntilReady();
    const added = await queue(queueName).add(name, job, { removeOnComplete: { age: 60 }, removeOnFail: { age: 600 } });
    try {
      return (await added.waitUntilFinished(events, timeoutMs)) as T;
    } catch (err) {
      // A node that answered with a failure says why; anything else is a node that did not answer.
      if ((await added.getState().catch(() => 'unknown')) === 'failed') {
        throw new ServiceUnavailable(`Compute node ${node} could not return ${what}: ${(err as Error).message}`, { cause: err });
      }
      throw new ServiceUnavailable(`Compute node ${node} did not return ${what} in time.`, { cause: err });
    }
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
    consoleOutput(node, job, timeoutMs = 10_000) {
      return ask<ConsoleOutputResult>(node, JobName.ConsoleOutput, job, timeoutMs, 'the console output');
    },
    serialConsole(node, job, timeoutMs = 10_000) {
      return ask<SerialConsoleResult>(node, JobName.SerialConsole, job, timeoutMs, 'the serial console');
    },
    async networkSync(node, job) {
      await queue(nodeQueueName(node)).add(JobName.NetworkSync, job, {
        jobId: jobId('network-sync', node, job.generation),
        // A sync that failed is retried: the node would otherwise wait for the next change.
        attempts: 5,
        backoff: { type: 'exponential', delay: 1000 },
        ...KEEP,
      });
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
