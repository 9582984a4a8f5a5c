import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resizeServer, simpleServerAction } from '@nimbus/core/compute/servers/actions';
import { claimResize } from '@nimbus/core/scheduler/claims';
import { computeCluster, until, type ComputeCluster } from './test/cluster.js';

// Resize through the scheduler: the growth is claimed on the server's own node at the API call,
// with the node generation's compare-and-set, against a real agent (fake driver) and worker.
let c: ComputeCluster;
let nodeId: string;

beforeAll(async () => {
  c = await computeCluster('resize-claim');
  await c.startWorker();
  c.startAgent('rs-1', { FAKE_VCPUS: '3', FAKE_MEMORY_MB: '8192' });
  nodeId = (await c.nodeUp('rs-1')).id;
  // No CPU overcommit, so the vCPUs are the scarce resource the tests count.
  await c.db.computeNode.update({ where: { id: nodeId }, data: { cpuAllocationRatio: 1 } });
  await c.db.flavor.createMany({
    data: [
      { id: 'f-two', name: 'two', vcpus: 2, ramMb: 256, diskGb: 1 },
      { id: 'f-three', name: 'three', vcpus: 3, ramMb: 256, diskGb: 1 },
    ],
  });
});

afterAll(async () => {
  await c?.close();
});

const node = () => c.db.computeNode.findUniqueOrThrow({ where: { id: nodeId } });

async function bootActive() {
  const { id } = await c.boot({ vcpus: 1, memoryMb: 256, rootGb: 1 });
  const inst = await c.settled(id);
  expect(inst).toMatchObject({ vmState: 'active', nodeId });
  return id;
}

async function resizeAction(id: string) {
  return c.db.instanceAction.findFirstOrThrow({ where: { instanceId: id, action: 'resize' }, include: { events: true }, orderBy: { startTime: 'desc' } });
}

describe('resize claims on the same host', () => {
  it('a growth the node has no room for fails as Nova: the call succeeds, the server keeps its flavor, the action says why', async () => {
    const first = await bootActive();
    const second = await bootActive();
    expect((await node()).vcpusUsed).toBe(2);

    // One vCPU is free; growing from 1 to 3 vCPUs needs two more.
    await expect(resizeServer(c.apiContext(), second, { flavorRef: 'f-three' })).resolves.toBeUndefined();
    const after = await c.db.instance.findUniqueOrThrow({ where: { id: second }, include: { allocation: true } });
    const message = 'No valid host was found. CoreFilter: 1 host, need 2 vCPUs, most free 1 vCPU';
    expect(after).toMatchObject({ vmState: 'active', taskState: null, flavorId: 'f1', vcpus: 1, newFlavor: null, allocation: { vcpus: 1 } });
    expect((after.fault as { message: string }).message).toBe(message);
    expect(await node()).toMatchObject({ vcpusUsed: 2 });
    const action = await resizeAction(second);
    expect(action.message).toBe('Error');
    expect(action.events.map((e) => [e.event, e.result, e.details])).toEqual([['conductor_migrate_server', 'Error', message]]);

    await c.act(first, 'destroy', 'deleting');
    await c.act(second, 'destroy', 'deleting');
    await until(async () => ((await node()).vcpusUsed === 0 ? true : undefined));
  });

  it('a growth that fits is claimed before the node acts, held while resized, kept on confirm', async () => {
    const id = await bootActive();
    await resizeServer(c.apiContext(), id, { flavorRef: 'f-two' });
    // Claimed at the call: a boot racing the node's resize cannot take the room any more.
    expect(await c.db.allocation.findUniqueOrThrow({ where: { instanceId: id } })).toMatchObject({ vcpus: 2 });
    expect((await node()).vcpusUsed).toBe(2);
    expect(await c.settled(id)).toMatchObject({ vmState: 'resized', flavorId: 'f-two', vcpus: 2, allocation: { vcpus: 2 } });

    await simpleServerAction(c.apiContext(), id, 'confirmResize');
    expect(await c.settled(id)).toMatchObject({ vmState: 'active', oldFlavor: null, allocation: { vcpus: 2 } });
    expect((await node()).vcpusUsed).toBe(2);

    await c.act(id, 'destroy', 'deleting');
    await until(async () => ((await node()).vcpusUsed === 0 ? true : undefined));
  });

  it('of two concurrent resizes needing the last free vCPU, exactly one gets it', async () => {
    const a = await bootActive();
    const b = await bootActive();
    await Promise.all([resizeServer(c.apiContext(), a, { flavorRef: 'f-two' }), resizeServer(c.apiContext(), b, { flavorRef: 'f-two' })]);
    const [ra, rb] = await Promise.all([c.settled(a), c.settled(b)]);
    expect([ra.vmState, rb.vmState].sort()).toEqual(['active', 'resized']);
    const refused = ra.vmState === 'active' ? ra : rb;
    expect((refused.fault as { message: string }).message).toMatch(/^No valid host was found\. CoreFilter: 1 host, need 1 vCPU, most free 0 vCPUs$/);
    const n = await node();
    expect(n.vcpusUsed).toBe(3);
    expect(n.vcpusUsed).toBeLessThanOrEqual(n.vcpus * n.cpuAllocationRatio);

    // Revert gives the growth back.
    const grown = refused === ra ? b : a;
    await simpleServerAction(c.apiContext(), grown, 'revertResize');
    expect(await c.settled(grown)).toMatchObject({ vmState: 'active', vcpus: 1, allocation: { vcpus: 1 } });
    expect((await node()).vcpusUsed).toBe(2);
    await c.act(a, 'destroy', 'deleting');
    await c.act(b, 'destroy', 'deleting');
    await until(async () => ((await node()).vcpusUsed === 0 ? true : undefined));
  });

  it('a resize the node fails gives the claimed growth back', async () => {
    const id = await bootActive();
    const before = (await node()).vcpusUsed;
    expect(await c.db.$transaction((tx) => claimResize(tx, id, nodeId, { vcpus: 2, memoryMb: 256, diskGb: 1 }))).toEqual({ ok: true });
    expect((await node()).vcpusUsed).toBe(before + 1);
    // Sent without the sizes it needs, the node's resize fails.
    await c.act(id, 'resize', 'resize_prep', { newFlavor: { id: 'f-two', name: 'two', vcpus: 2, memoryMb: 256, rootGb: 1 } });
    const failed = await c.settled(id);
    expect(failed).toMatchObject({ vmState: 'active', flavorId: 'f1', newFlavor: null, allocation: { vcpus: 1 } });
    expect((failed.fault as { message: string }).message).toMatch(/resize needs the new flavor sizes/);
    expect((await node()).vcpusUsed).toBe(before);
  });
});
