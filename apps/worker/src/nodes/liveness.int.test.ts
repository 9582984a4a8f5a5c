import { Queue, Worker } from 'bullmq';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobName, NODE_DOWN_AFTER_MS, QueueName, type NodeHeartbeat } from '@nimbus/shared/queues';
import { nodeHeartbeatProcessor } from '../queues/node-heartbeat.processor.js';
import { testRedis } from '../test/redis.js';
import { NodeLiveness } from './liveness.js';

const t = testRedis('liveness');
const log = pino({ level: 'silent' });
const liveness = new NodeLiveness(t.redis, t.prefix);
let queue: Queue;
let worker: Worker;

function beat(node: string, kind: NodeHeartbeat['kind'], sentAt = new Date()): NodeHeartbeat {
  return {
    kind,
    node,
    roles: ['compute'],
    version: '1.2.3',
    capacity: { cpus: 4, memoryMb: 8192, memoryFreeMb: 4096, diskGb: 100, diskFreeGb: 60 },
    startedAt: new Date(0).toISOString(),
    sentAt: sentAt.toISOString(),
  };
}

async function until<T>(probe: () => Promise<T | undefined>, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

const nodeState = (node: string) => async () => (await liveness.list()).find((n) => n.node === node);

beforeAll(() => {
  queue = new Queue(QueueName.NodeHeartbeat, { connection: t.redis, prefix: t.prefix });
  worker = new Worker(QueueName.NodeHeartbeat, nodeHeartbeatProcessor(liveness, log), {
    connection: t.redis,
    prefix: t.prefix,
  });
});

afterAll(async () => {
  await worker.close();
  await queue.close();
  await t.cleanup();
});

describe('heartbeat → liveness', () => {
  it('a registered node is up with its capacity', async () => {
    await queue.add(JobName.Heartbeat, beat('cmp-1', 'register'), { jobId: 'register-cmp-1-0' });
    const rec = await until(nodeState('cmp-1'));
    expect(rec).toMatchObject({ state: 'up', roles: ['compute'], version: '1.2.3', capacity: { cpus: 4 } });
  });

  it('a silent node is declared down once, and comes back with its next heartbeat', async () => {
    await queue.add(JobName.Heartbeat, beat('cmp-2', 'register'), { jobId: 'register-cmp-2-0' });
    await until(nodeState('cmp-2'));
    const later = Date.now() + NODE_DOWN_AFTER_MS + 1000;
    expect(await liveness.markStale(later)).toEqual(expect.arrayContaining(['cmp-2']));
    expect(await liveness.markStale(later)).toEqual([]);
    expect((await liveness.list()).find((n) => n.node === 'cmp-2')?.state).toBe('down');

    const job = await queue.add(JobName.Heartbeat, beat('cmp-2', 'heartbeat'), { jobId: 'heartbeat-cmp-2-1' });
    await until(async () => ((await job.isCompleted()) ? true : undefined));
    expect((await liveness.list()).find((n) => n.node === 'cmp-2')?.state).toBe('up');
  });

  it('a node that has just heartbeated is not declared down', async () => {
    expect(await liveness.markStale()).toEqual([]);
  });

  it('a leaving node is down at once', async () => {
    await queue.add(JobName.Heartbeat, beat('cmp-3', 'register'), { jobId: 'register-cmp-3-0' });
    await until(nodeState('cmp-3'));
    await queue.add(JobName.Heartbeat, beat('cmp-3', 'leave'), { jobId: 'leave-cmp-3-1' });
    await until(async () => ((await nodeState('cmp-3')())?.state === 'down' ? true : undefined));
  });

  it('ignores a heartbeat older than the down limit', async () => {
    const old = new Date(Date.now() - NODE_DOWN_AFTER_MS - 5000);
    expect(await liveness.record(beat('cmp-4', 'heartbeat', old))).toBe('ignored');
    expect(await nodeState('cmp-4')()).toBeUndefined();
  });

  it('fails a job whose payload is malformed, without touching liveness', async () => {
    const job = await queue.add(JobName.Heartbeat, { node: 'cmp-5' } as never, { jobId: 'bad-cmp-5' });
    await until(async () => ((await job.isFailed()) ? true : undefined));
    expect(await nodeState('cmp-5')()).toBeUndefined();
  });
});
