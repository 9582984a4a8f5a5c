import { afterAll, beforeAll, expect, it } from 'vitest';
import { computeCluster, type ComputeCluster } from '../test/cluster.js';

let c: ComputeCluster;
const NODES = ['cc-1', 'cc-2', 'cc-3'];

beforeAll(async () => {
  c = await computeCluster('scheduler-concurrency', { SCHEDULER_CONCURRENCY: '8', SCHEDULER_HOST_SUBSET_SIZE: '2' });
  await c.startWorker();
  for (const n of NODES) c.startAgent(n, { FAKE_MEMORY_MB: '4096', FAKE_VCPUS: '2', FAKE_SPAWN_DELAY_MS: '20' });
  await Promise.all(NODES.map((n) => c.nodeUp(n)));
});

afterAll(async () => {
  await c?.close();
});

it('many concurrent requests over 3 nodes: exactly the capacity is placed, no node over-committed', async () => {
  // Each node takes 4096 MB × 1.5 (RAM allocation ratio) = 6144 MB: 12 instances of 512 MB.
  const boots = await Promise.all(Array.from({ length: 60 }, () => c.boot({ memoryMb: 512 })));
  const settled = await Promise.all(boots.map((b) => c.settled(b.id, 60_000)));
  const active = settled.filter((i) => i.vmState === 'active');
  const errors = settled.filter((i) => i.vmState === 'error');
  expect(active).toHaveLength(36);
  expect(errors).toHaveLength(24);
  for (const e of errors) expect((e.fault as { message: string }).message).toMatch(/^No valid host was found\. /);
  for (const n of await c.db.computeNode.findMany({ include: { allocations: true } })) {
    expect(n.memoryMbUsed).toBeLessThanOrEqual(n.memoryMb * n.ramAllocationRatio);
    expect(n.memoryMbUsed).toBe(n.allocations.reduce((s, a) => s + a.memoryMb, 0));
    expect(n.allocations).toHaveLength(12);
  }
}, 90_000);
