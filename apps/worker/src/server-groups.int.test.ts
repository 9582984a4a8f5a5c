import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeCluster, type ComputeCluster } from './test/cluster.js';

// Server-group policies in the scheduler, against real agents (fake driver) and the worker:
// concurrent boots of one group are placed one after another (the group's advisory lock), so the
// hard policies hold even when every member is scheduled at once.
let c: ComputeCluster;
const NODES = ['sg-1', 'sg-2', 'sg-3'];

beforeAll(async () => {
  // Soft policies weigh twice the RAM spread here, so they decide between otherwise equal hosts.
  c = await computeCluster('server-groups', { SCHEDULER_CONCURRENCY: '8', SCHEDULER_SOFT_AFFINITY_WEIGHT_MULTIPLIER: '2', SCHEDULER_SOFT_ANTI_AFFINITY_WEIGHT_MULTIPLIER: '2' });
  await c.startWorker();
  for (const n of NODES) c.startAgent(n, { FAKE_SPAWN_DELAY_MS: '20' });
  await Promise.all(NODES.map((n) => c.nodeUp(n)));
});

afterAll(async () => {
  await c?.close();
});

async function group(policy: string, rules: Record<string, number> = {}) {
  const id = randomUUID();
  await c.db.serverGroup.create({ data: { id, name: `g-${policy}`, projectId: 'p1', userId: 'u1', policy, rules } });
  return id;
}

/** Boots `n` members at once (every schedule job queued together) and waits for all to settle. */
async function bootMembers(groupId: string, n: number) {
  const boots = await Promise.all(Array.from({ length: n }, () => c.boot({ group: groupId })));
  return Promise.all(boots.map((b) => c.settled(b.id, 30_000)));
}

const hostsOf = (insts: Array<{ node: { name: string } | null; vmState: string }>) => insts.filter((i) => i.vmState === 'active').map((i) => i.node!.name);

async function deleteAll(insts: Array<{ id: string; vmState: string }>) {
  const live = insts.filter((i) => i.vmState === 'active');
  await Promise.all(live.map((i) => c.act(i.id, 'destroy', 'deleting')));
  await Promise.all(live.map((i) => c.settled(i.id).catch(() => undefined)));
}

describe('hard policies under concurrency', () => {
  it('anti-affinity: concurrent members land on distinct hosts; the one too many is explained', async () => {
    const g = await group('anti-affinity');
    const insts = await bootMembers(g, 4);
    const hosts = hostsOf(insts);
    expect(hosts).toHaveLength(3);
    expect(new Set(hosts).size).toBe(3);
    const refused = insts.filter((i) => i.vmState === 'error');
    expect(refused).toHaveLength(1);
    expect((refused[0]!.fault as { message: string }).message).toBe(`No valid host was found. ServerGroupAntiAffinityFilter: 3 hosts, already host a member of group ${g}`);
    await deleteAll(insts);
  });

  it('anti-affinity with max_server_per_host 2: six concurrent members, two per host', async () => {
    const g = await group('anti-affinity', { max_server_per_host: 2 });
    const insts = await bootMembers(g, 6);
    const hosts = hostsOf(insts);
    expect(hosts).toHaveLength(6);
    for (const n of NODES) expect(hosts.filter((h) => h === n)).toHaveLength(2);
    await deleteAll(insts);
  });

  it('affinity: concurrent members all land on the first one’s host', async () => {
    const g = await group('affinity');
    const insts = await bootMembers(g, 4);
    const hosts = hostsOf(insts);
    expect(hosts).toHaveLength(4);
    expect(new Set(hosts).size).toBe(1);
    await deleteAll(insts);
  });

  it('deleted members no longer count', async () => {
    const g = await group('anti-affinity');
    const first = await bootMembers(g, 3);
    await deleteAll(first);
    const again = await bootMembers(g, 3);
    expect(new Set(hostsOf(again)).size).toBe(3);
    await deleteAll(again);
  });
});

describe('soft policies', () => {
  it('soft-anti-affinity spreads, soft-affinity gathers, and neither refuses a member', async () => {
    const spread = await group('soft-anti-affinity');
    const spreadMembers = await bootMembers(spread, 4);
    const spreadHosts = hostsOf(spreadMembers);
    expect(spreadHosts).toHaveLength(4);
    expect(new Set(spreadHosts).size).toBe(3);

    const gather = await group('soft-affinity');
    const gatherMembers = await bootMembers(gather, 3);
    const gatherHosts = hostsOf(gatherMembers);
    expect(gatherHosts).toHaveLength(3);
    expect(new Set(gatherHosts).size).toBe(1);
    await deleteAll([...spreadMembers, ...gatherMembers]);
  });
});
