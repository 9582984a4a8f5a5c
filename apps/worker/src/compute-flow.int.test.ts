import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeCluster, until, type ComputeCluster } from './test/cluster.js';

let c: ComputeCluster;

beforeAll(async () => {
  c = await computeCluster('compute-flow');
  await c.startWorker();
  // big-1 has the most RAM, so RAM spread tries it first; it fails every spawn named boom-*.
  c.startAgent('big-1', { FAKE_MEMORY_MB: '32768', FAKE_FAIL_SPAWN: '^boom' });
  c.startAgent('small-1', { FAKE_MEMORY_MB: '8192', NODE_AZ: 'az2' });
  await Promise.all([c.nodeUp('big-1'), c.nodeUp('small-1')]);
});

afterAll(async () => {
  await c?.close();
});

describe('compute nodes', () => {
  it('agents register as compute nodes with capacity, zone and their fake driver', async () => {
    const big = await c.db.computeNode.findUniqueOrThrow({ where: { name: 'big-1' } });
    expect(big).toMatchObject({ state: 'up', hypervisorType: 'fake', availabilityZone: 'nova', memoryMb: 32768, vcpus: 8, localGb: 200, roles: ['compute'] });
    expect(big.hostIp).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(big.driver).toMatchObject({ name: 'fake', fake: true, capabilities: { supportsPause: true } });
    expect((await c.db.computeNode.findUniqueOrThrow({ where: { name: 'small-1' } })).availabilityZone).toBe('az2');
  });
});

describe('boot', () => {
  it('an instance goes ACTIVE on the best host with its claim and its action log', async () => {
    const { id } = await c.boot({ memoryMb: 512, vcpus: 2, rootGb: 5 });
    const inst = await c.settled(id);
    expect(inst).toMatchObject({ vmState: 'active', powerState: 1, taskState: null, attempts: 1 });
    expect(inst.launchedAt).not.toBeNull();
    expect(inst.node?.name).toBe('big-1');
    expect(inst.allocation).toMatchObject({ nodeId: inst.nodeId, vcpus: 2, memoryMb: 512, diskGb: 5 });
    const node = await c.db.computeNode.findUniqueOrThrow({ where: { id: inst.nodeId! } });
    expect(node).toMatchObject({ vcpusUsed: 2, memoryMbUsed: 512, localGbUsed: 5 });
    const events = await c.db.instanceActionEvent.findMany({ where: { action: { instanceId: id } }, orderBy: { startTime: 'asc' } });
    expect(events.map((e) => [e.event, e.result, e.host])).toEqual([
      ['conductor_schedule_and_build_instances', 'Success', null],
      ['compute__do_build_and_run_instance', 'Success', 'big-1'],
    ]);
    expect(events.every((e) => e.finishTime !== null)).toBe(true);

    const out = await c.jobs.consoleOutput('big-1', { instanceId: id, requestId: 'req-console', length: 2 });
    expect(out.output).toMatch(/login: \n$/);

    await c.act(id, 'power-off', 'powering-off');
    expect(await c.settled(id)).toMatchObject({ vmState: 'stopped', powerState: 4 });
    await c.act(id, 'power-on', 'powering-on');
    expect(await c.settled(id)).toMatchObject({ vmState: 'active', powerState: 1 });

    await c.act(id, 'destroy', 'deleting');
    const gone = await until(async () => {
      const i = await c.db.instance.findUniqueOrThrow({ where: { id }, include: { allocation: true } });
      return i.deletedAt ? i : undefined;
    });
    expect(gone).toMatchObject({ vmState: 'deleted', taskState: null, allocation: null });
    expect(await c.db.computeNode.findUniqueOrThrow({ where: { id: inst.nodeId! } })).toMatchObject({ vcpusUsed: 0, memoryMbUsed: 0, localGbUsed: 0 });
  });

  it('a spawn failure on one node is rescheduled to another', async () => {
    const { id } = await c.boot({ name: 'boom-1' });
    const inst = await c.settled(id);
    expect(inst).toMatchObject({ vmState: 'active', attempts: 2 });
    expect(inst.node?.name).toBe('small-1');
    const big = await c.db.computeNode.findUniqueOrThrow({ where: { name: 'big-1' } });
    expect(await c.db.allocation.count({ where: { nodeId: big.id } })).toBe(0);
    const events = await c.db.instanceActionEvent.findMany({ where: { action: { instanceId: id }, event: 'compute__do_build_and_run_instance' }, orderBy: { startTime: 'asc' } });
    expect(events.map((e) => [e.host, e.result])).toEqual([
      ['big-1', 'Error'],
      ['small-1', 'Success'],
    ]);
  });

  it('a request no node can take ends in ERROR explained per filter', async () => {
    const { id } = await c.boot({ memoryMb: 100_000, vcpus: 1 });
    const inst = await c.settled(id);
    expect(inst.vmState).toBe('error');
    expect(inst.allocation).toBeNull();
    expect((inst.fault as { message: string }).message).toBe(
      'No valid host was found. RamFilter: 2 hosts, need 100000 MB, most free 49152 MB',
    );
  });

  it('explains several filters at once', async () => {
    const { id } = await c.boot({ memoryMb: 20_000, availabilityZone: 'az2' });
    const inst = await c.settled(id);
    // small-1 (the az2 node) holds the instance rescheduled to it above, hence less than 12288 free.
    expect((inst.fault as { message: string }).message).toMatch(
      /^No valid host was found\. AvailabilityZoneFilter: 1 host, not in zone az2; RamFilter: 1 host, need 20000 MB, most free 12\d{3} MB$/,
    );
  });

  it('a build failing on every host ends in ERROR after the allowed attempts, its claims released', async () => {
    const { id } = await c.boot({ name: 'boom-2', availabilityZone: 'nova' });
    const inst = await c.settled(id);
    expect(inst.vmState).toBe('error');
    expect((inst.fault as { message: string }).message).toMatch(/No valid host was found. (AvailabilityZoneFilter|RetryFilter)/);
    expect(inst.allocation).toBeNull();
  });

  it('resize holds the larger flavor until confirmed; revert restores the old one', async () => {
    const { id } = await c.boot({ vcpus: 1, memoryMb: 256, rootGb: 1 });
    const booted = await c.settled(id);
    const nodeUsage = async () => (await c.db.computeNode.findUniqueOrThrow({ where: { id: booted.nodeId! } })).memoryMbUsed;
    const before = await nodeUsage();
    await c.act(id, 'resize', 'resize_prep', { newFlavor: { id: 'f2', name: 'f2', vcpus: 2, memoryMb: 512, rootGb: 2 } }, { flavor: { vcpus: 2, memoryMb: 512, rootGb: 2 } });
    expect(await c.settled(id)).toMatchObject({ vmState: 'resized', flavorId: 'f2', memoryMb: 512, oldFlavor: { id: 'f1', memoryMb: 256 }, newFlavor: null, allocation: { memoryMb: 512, vcpus: 2 } });
    expect(await nodeUsage()).toBe(before + 256);
    await c.act(id, 'confirm-resize', 'resize_confirming');
    expect(await c.settled(id)).toMatchObject({ vmState: 'active', oldFlavor: null, allocation: { memoryMb: 512 } });

    await c.act(id, 'resize', 'resize_prep', { newFlavor: { id: 'f3', name: 'f3', vcpus: 1, memoryMb: 1024, rootGb: 2 } }, { flavor: { vcpus: 1, memoryMb: 1024, rootGb: 2 } });
    expect(await c.settled(id)).toMatchObject({ vmState: 'resized', allocation: { memoryMb: 1024, vcpus: 2 } });
    await c.act(id, 'revert-resize', 'resize_reverting', {}, { flavor: { vcpus: 2, memoryMb: 512, rootGb: 2 } });
    expect(await c.settled(id)).toMatchObject({ vmState: 'active', flavorId: 'f2', memoryMb: 512, oldFlavor: null, allocation: { memoryMb: 512, vcpus: 2 } });
    expect(await nodeUsage()).toBe(before + 256);

    await c.act(id, 'pause', 'pausing');
    expect(await c.settled(id)).toMatchObject({ vmState: 'paused', powerState: 3 });
    await c.act(id, 'suspend', 'suspending');
    const failed = await c.settled(id);
    expect(failed).toMatchObject({ vmState: 'paused', taskState: null });
    expect((failed.fault as { message: string }).message).toMatch(/power state 3/);
  });

  it('a re-delivered schedule job for a placed attempt changes nothing', async () => {
    const { id, requestId } = await c.boot();
    const inst = await c.settled(id);
    await c.jobs.schedule({ instanceId: id, attempt: 1, requestId: `${requestId}-again` });
    await new Promise((r) => setTimeout(r, 500));
    const after = await c.db.instance.findUniqueOrThrow({ where: { id } });
    expect(after).toMatchObject({ vmState: 'active', attempts: 1, nodeId: inst.nodeId });
    expect(await c.db.allocation.count({ where: { instanceId: id } })).toBe(1);
  });
});
