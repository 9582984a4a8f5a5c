import { randomUUID } from 'node:crypto';
import { Queue, QueueEvents, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, expect, it } from 'vitest';
import { JobName, nodeQueueName, NodePongSchema } from '@nimbus/shared/queues';
import { nodeJobProcessor } from './index.js';

const prefix = `test-ping-${randomUUID().slice(0, 8)}`;
const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
const name = nodeQueueName('agent-test');
const queue = new Queue(name, { connection: redis, prefix });
// Read the (fresh) event stream from its start: with the default '$' an event emitted before the
// first XREAD is missed, which happens on a loaded machine.
const events = new QueueEvents(name, { connection: redis.duplicate(), prefix, lastEventId: '0-0' });
const worker = new Worker(name, nodeJobProcessor('agent-test', '9.9.9', pino({ level: 'silent' })), {
  connection: redis,
  prefix,
});

afterAll(async () => {
  await worker.close();
  await events.close();
  await queue.close();
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

it('answers a ping on its own queue', async () => {
  await events.waitUntilReady();
  const job = await queue.add(JobName.Ping, { requestId: 'req-1' });
  const pong = NodePongSchema.parse(await job.waitUntilFinished(events, 5000));
  expect(pong).toMatchObject({ node: 'agent-test', version: '9.9.9', requestId: 'req-1' });
});

it('fails an unknown job for good', async () => {
  const job = await queue.add('reboot', {}, { attempts: 3 });
  await expect(job.waitUntilFinished(events, 5000)).rejects.toThrow(/unknown job "reboot"/);
  expect((await queue.getJob(job.id!))?.attemptsMade).toBe(1);
});
