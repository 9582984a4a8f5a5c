import { afterAll, beforeAll, expect, it } from 'vitest';
import { computeCluster, until, type ComputeCluster } from './test/cluster.js';

let c: ComputeCluster;

beforeAll(async () => {
  c = await computeCluster('compute-recovery', { TASK_TIMEOUT_MS: '8000' });
  await c.startWorker();
});

afterAll(async () => {
  await c?.close();
});

/** Node usage equals the sum of its allocations, on every node: nothing leaked, nothing lost. */
async function expectNoLeak() {
  for (const n of await c.db.computeNode.findMany({ include: { allocations: true } })) {
    const sum = n.allocations.reduce((s, a) => s + a.memoryMb, 0);
    expect(n.memoryMbUsed, n.name).toBe(sum);
    for (const a of n.allocations) {
      const inst = await c.db.instance.findUniqueOrThrow({ where: { id: a.instanceId } });
      expect(inst, `allocation of ${a.instanceId}`).toMatchObject({ nodeId: n.id, deletedAt: null });
      expect(inst.vmState).not.toBe('error');
    }
  }
}

const crashyEnv = { FAKE_SPAWN_DELAY_MS: '1500', FAKE_MEMORY_MB: '16384' };

it('an agent killed mid-spawn and restarted leaves the instance ACTIVE or ERROR, never stuck, without leaks', async () => {
  const agent = c.startAgent('crashy-1', crashyEnv);
  await c.nodeUp('crashy-1');
  const { id } = await c.boot();
  await until(async () => ((await c.db.instance.findUniqueOrThrow({ where: { id } })).taskState === 'spawning' ? true : undefined));
  await new Promise((r) => setTimeout(r, 300));
  await agent.stop('SIGKILL');
  c.startAgent('crashy-1', crashyEnv);
  const inst = await c.settled(id, 25_000);
  expect(['active', 'error']).toContain(inst.vmState);
  if (inst.vmState === 'active') expect(inst.allocation).not.toBeNull();
  else expect(inst.allocation).toBeNull();
  await expectNoLeak();
}, 60_000);

it('a worker restarted mid-flow loses nothing: queued schedules and pending node results are applied', async () => {
  c.startAgent('steady-1', { FAKE_SPAWN_DELAY_MS: '800' });
  await c.nodeUp('steady-1');
  const spawning = await Promise.all([1, 2, 3].map(() => c.boot()));
  await until(async () => ((await c.db.instance.count({ where: { id: { in: spawning.map((b) => b.id) }, taskState: 'spawning' } })) === 3 ? true : undefined));
  await c.stopWorker();
  // While the worker is away: agents finish their spawns (results wait in the conductor queue)
  // and the API keeps accepting boots (schedules wait in the scheduler queue).
  const queued = await Promise.all([1, 2].map(() => c.boot()));
  await new Promise((r) => setTimeout(r, 1500));
  await c.startWorker();
  for (const { id } of [...spawning, ...queued]) expect((await c.settled(id)).vmState).toBe('active');
  await expectNoLeak();
}, 60_000);

it('an instance on a node that died is put in ERROR after the task timeout, its claim released, the node down', async () => {
  const agent = c.startAgent('doomed-1', { FAKE_SPAWN_DELAY_MS: '60000', FAKE_MEMORY_MB: '65536' });
  await c.nodeUp('doomed-1');
  const { id } = await c.boot();
  const placed = await until(async () => {
    const i = await c.db.instance.findUniqueOrThrow({ where: { id }, include: { node: true } });
    return i.taskState === 'spawning' ? i : undefined;
  });
  expect(placed.node?.name).toBe('doomed-1');
  await agent.stop('SIGKILL');
  await until(async () => ((await c.db.computeNode.findUniqueOrThrow({ where: { name: 'doomed-1' } })).state === 'down' ? true : undefined));
  const inst = await c.settled(id, 25_000);
  expect(inst.vmState).toBe('error');
  expect((inst.fault as { message: string }).message).toMatch(/Timed out after 8 s in task state spawning/);
  expect(inst.allocation).toBeNull();
  await expectNoLeak();
}, 60_000);

it('node usage drifting from its allocations is healed', async () => {
  const node = await c.db.computeNode.findUniqueOrThrow({ where: { name: 'steady-1' } });
  await c.db.computeNode.update({ where: { id: node.id }, data: { memoryMbUsed: { increment: 777 } } });
  await until(async () => ((await c.db.computeNode.findUniqueOrThrow({ where: { id: node.id } })).memoryMbUsed === node.memoryMbUsed ? true : undefined));
}, 60_000);

it('power states follow the nodes: unknown while a node is down, synced from its heartbeats when back', async () => {
  const agent = c.startAgent('ps-1', { FAKE_SPAWN_DELAY_MS: '50', FAKE_MEMORY_MB: '131072' });
  await c.nodeUp('ps-1');
  const { id } = await c.boot({ memoryMb: 100_000 });
  expect(await c.settled(id)).toMatchObject({ vmState: 'active', powerState: 1, node: { name: 'ps-1' } });
  await agent.stop('SIGKILL');
  await until(async () => ((await c.db.instance.findUniqueOrThrow({ where: { id } })).powerState === 0 ? true : undefined), 15_000);

  // The fake driver kept its guests in the killed process: the new one reports none, so the
  // instance stays NOSTATE while its node is up again, and its vm state is left to the operator.
  c.startAgent('ps-1', { FAKE_SPAWN_DELAY_MS: '50', FAKE_MEMORY_MB: '131072' });
  await c.nodeUp('ps-1');
  await new Promise((r) => setTimeout(r, 1500));
  expect(await c.db.instance.findUniqueOrThrow({ where: { id } })).toMatchObject({ vmState: 'active', powerState: 0 });

  // Powering it on fails on that node (it has no such guest): the task reverts, the fault says why.
  await c.act(id, 'power-on', 'powering-on');
  const on = await c.settled(id);
  expect(on).toMatchObject({ vmState: 'active', taskState: null });
  expect(on.fault).toMatchObject({ message: expect.stringMatching(/could not be found/) });
}, 60_000);

it('a delete sent to a node that then died is finished once the node is down, its claim released', async () => {
  const agent = c.startAgent('del-1', { FAKE_SPAWN_DELAY_MS: '50', FAKE_MEMORY_MB: '262144' });
  await c.nodeUp('del-1');
  const { id } = await c.boot({ memoryMb: 200_000 });
  expect(await c.settled(id)).toMatchObject({ vmState: 'active', node: { name: 'del-1' } });
  await agent.stop('SIGKILL');
  await c.act(id, 'destroy', 'deleting');
  const gone = await until(async () => {
    const i = await c.db.instance.findUniqueOrThrow({ where: { id }, include: { allocation: true } });
    return i.deletedAt ? i : undefined;
  }, 30_000);
  expect(gone).toMatchObject({ vmState: 'deleted', taskState: null, allocation: null });
  await expectNoLeak();
}, 60_000);
