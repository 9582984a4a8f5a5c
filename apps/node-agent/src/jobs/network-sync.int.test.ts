import { Queue, QueueEvents, UnrecoverableError, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@nimbus/shared';
import { JobName, nodeQueueName } from '@nimbus/shared/queues';
import { startRestHarness, type RestHarness } from '../../../web/src/server/rest/test-harness';
import { FakeNetworkDriver } from '../drivers/network/fake/fake-driver.js';
import { NetworkStateClient } from '../drivers/network/state-client.js';
import { ServiceToken } from '../images/service-token.js';
import { nodeJobProcessor } from './index.js';
import { NetworkSyncer } from './network-sync.js';

const NODE = 'net-e2e';
const log = pino({ level: 'silent' });
let h: RestHarness;
let demo: string;
let redis: Redis;
let worker: Worker;
let queue: Queue;
let events: QueueEvents;
const driver = new FakeNetworkDriver();
let syncer: NetworkSyncer;

beforeAll(async () => {
  h = await startRestHarness();
  await h.database.db.computeNode.create({
    data: { id: newId(), name: NODE, hypervisorType: 'fake', roles: ['compute', 'network'], vcpus: 4, memoryMb: 4096, localGb: 10, hostIp: '127.0.0.1' },
  });
  demo = await h.login('demo', 'demo');
  const token = new ServiceToken({ identityUrl: `${h.url}/identity`, username: 'nova', password: 'service', project: 'service' });
  syncer = new NetworkSyncer(NODE, driver, new NetworkStateClient({ apiUrl: h.url, token }), log);
  await driver.init();
  redis = new Redis(h.rt.config.REDIS_URL, { maxRetriesPerRequest: null });
  const prefix = h.rt.config.REDIS_PREFIX;
  queue = new Queue(nodeQueueName(NODE), { connection: redis, prefix });
  events = new QueueEvents(nodeQueueName(NODE), { connection: redis.duplicate(), prefix, lastEventId: '0-0' });
  worker = new Worker(nodeQueueName(NODE), nodeJobProcessor(NODE, 'test', log, undefined, syncer), { connection: redis, prefix });
});

afterAll(async () => {
  await worker?.close();
  await events?.close();
  await queue?.close();
  await redis?.quit();
  await h?.rt.jobs.close();
  await h?.close();
});

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('network-sync, API to agent', () => {
  it('a network and subnet created through REST reach the network node\'s driver through a network-sync job', async () => {
    const net = await h.call('POST', '/network/v2.0/networks', { token: demo, body: { network: { name: 'e2e' } } });
    expect(net.status).toBe(201);
    const sub = await h.call('POST', '/network/v2.0/subnets', { token: demo, body: { subnet: { network_id: net.body.network.id, cidr: '10.30.0.0/24', ip_version: 4 } } });
    expect(sub.status).toBe(201);
    const generation = (await h.database.db.networkGeneration.findUniqueOrThrow({ where: { id: 1 } })).generation;

    const job = await until('the network-sync job of the last change', () => queue.getJob(`network-sync-${NODE}-${generation}`));
    expect(job.data).toMatchObject({ generation });
    const result = await job.waitUntilFinished(events, 10_000);
    expect(result).toMatchObject({ generation });
    const state = await until('the synced network', () => (driver.state?.networks.some((n) => n.id === net.body.network.id) ? driver.state : undefined));
    expect(state.networks.find((n) => n.id === net.body.network.id)?.subnets).toEqual([expect.objectContaining({ cidr: '10.30.0.0/24', dhcp: true })]);
    expect(state.ports).toEqual([expect.objectContaining({ networkId: net.body.network.id, deviceOwner: 'network:dhcp' })]);
  });

  it('drops a job for a generation older than the one applied, and applies a current one again', async () => {
    const applied = (await syncer.sync())!.generation;
    expect(await syncer.sync(applied - 1)).toBeNull();
    expect(await syncer.sync(applied)).toMatchObject({ generation: applied, changes: [] });
  });

  it('a failed sync fails the job (to be retried) and changes nothing', async () => {
    await syncer.sync();
    const before = driver.state;
    driver.failNextSync = 'datapath busy';
    const job = await queue.add(JobName.NetworkSync, { generation: before!.generation, requestId: 'req-fail' });
    await expect(job.waitUntilFinished(events, 10_000)).rejects.toThrow(/datapath busy/);
    expect(driver.state).toBe(before);
  });

  it('fails network-sync for good on a node without a network driver', async () => {
    const processor = nodeJobProcessor('compute-only', 'test', log);
    await expect(processor({ name: JobName.NetworkSync, data: { generation: 1, requestId: 'r' } } as Job)).rejects.toThrow(/no network role/);
    await expect(processor({ name: JobName.NetworkSync, data: { generation: 1, requestId: 'r' } } as Job)).rejects.toBeInstanceOf(UnrecoverableError);
  });
});
