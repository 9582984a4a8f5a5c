import { randomUUID } from 'node:crypto';
import { Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, expect, it } from 'vitest';
import { NodeHeartbeatSchema, QueueName, type NodeHeartbeat } from '@nimbus/shared/queues';
import { Heartbeater } from './heartbeat.js';

const prefix = `test-heartbeat-${randomUUID().slice(0, 8)}`;
const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
const queue = new Queue(QueueName.NodeHeartbeat, { connection: redis, prefix });
const seen: Array<{ id: string; beat: NodeHeartbeat }> = [];
const worker = new Worker(
  QueueName.NodeHeartbeat,
  async (job: Job) => {
    seen.push({ id: job.id!, beat: NodeHeartbeatSchema.parse(job.data) });
  },
  { connection: redis, prefix },
);

afterAll(async () => {
  await worker.close();
  await queue.close();
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

it('registers, heartbeats on its interval and leaves, with valid payloads and ids', async () => {
  const hb = new Heartbeater(
    queue,
    { node: 'hb-1', roles: ['compute', 'storage'], version: '1.0.0', startedAt: new Date() },
    pino({ level: 'silent' }),
    100,
  );
  await hb.start();
  await expect.poll(() => seen.length, { timeout: 5000 }).toBeGreaterThanOrEqual(3);
  await hb.stop();
  await expect.poll(() => seen.at(-1)?.beat.kind, { timeout: 5000 }).toBe('leave');

  const kinds = seen.map((s) => s.beat.kind);
  expect(kinds[0]).toBe('register');
  expect(kinds.slice(1, -1).every((k) => k === 'heartbeat')).toBe(true);
  expect(new Set(seen.map((s) => s.id)).size).toBe(seen.length);
  for (const { id, beat } of seen) {
    expect(id).not.toContain(':');
    expect(beat.capacity.cpus).toBeGreaterThan(0);
    expect(beat.capacity.memoryMb).toBeGreaterThan(0);
  }
});
