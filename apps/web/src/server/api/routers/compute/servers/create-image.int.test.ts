import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@nimbus/shared';
import { startRestHarness, type RestHarness } from '../../../../rest/test-harness';
import { csrfFor, SESSION_COOKIE } from '../../../../session';
import { createCaller } from '../../../root';
import { createTRPCContext } from '../../../trpc';

// The instance page's "Create snapshot": compute.servers.createImage through tRPC.
let h: RestHarness;
let demoToken: string;
let adminToken: string;
const image = newId();
const node = newId();

beforeAll(async () => {
  h = await startRestHarness();
  const db = h.database.db;
  await db.flavor.create({ data: { id: 'snap-flavor', name: 'snap', vcpus: 1, ramMb: 128, diskGb: 1 } });
  await db.image.create({ data: { id: image, name: 'snap-base', status: 'active', visibility: 'public', diskFormat: 'raw', containerFormat: 'bare' } });
  await db.computeNode.create({ data: { id: node, name: 'snap-node', hypervisorType: 'QEMU', roles: ['compute'], vcpus: 4, memoryMb: 4096, localGb: 10, state: 'up', availabilityZone: 'nova' } });
  demoToken = await h.login('demo', 'demo');
  adminToken = await h.login('admin', 'admin');
});

afterAll(async () => {
  await h?.rt.jobs.close();
  await h?.close();
});

async function callerFor(token: string) {
  const headers = new Headers({ cookie: `${SESSION_COOKIE}=${encodeURIComponent(token)}`, 'x-csrf-token': csrfFor(token) });
  return createCaller(await createTRPCContext({ headers }));
}

async function activeServer(token: string, name: string): Promise<string> {
  const caller = await callerFor(token);
  const { ids } = await caller.compute.servers.create({ name, count: 1, imageId: image, flavorId: 'snap-flavor' });
  await h.database.db.instance.update({ where: { id: ids[0]! }, data: { nodeId: node, vmState: 'active', taskState: null, powerState: 1, attempts: 1 } });
  return ids[0]!;
}

describe('compute.servers.createImage', () => {
  it('creates a queued private qcow2 snapshot image of the project, offers the action, and audits it', async () => {
    const id = await activeServer(demoToken, 'snap-me');
    const demo = await callerFor(demoToken);
    expect((await demo.compute.servers.get({ id })).can.createImage).toBe(true);
    const { imageId } = await demo.compute.servers.createImage({ id, name: '  my snapshot ' });
    const created = await h.database.db.image.findUniqueOrThrow({ where: { id: imageId } });
    expect(created).toMatchObject({ name: 'my snapshot', status: 'queued', visibility: 'private', diskFormat: 'qcow2', ownerProjectId: h.seeded.projects.demo });
    expect((await h.database.db.instance.findUniqueOrThrow({ where: { id } })).taskState).toBe('image_snapshot');
    const audit = await h.database.db.auditEvent.findFirst({ where: { action: { contains: 'createImage' }, targetId: id } });
    expect(audit?.outcome).toBe('success');
  });

  it('refuses an empty name, a busy server, and another project’s server, changing nothing', async () => {
    const id = await activeServer(demoToken, 'snap-busy');
    const demo = await callerFor(demoToken);
    const before = await h.database.db.image.count();
    await expect(demo.compute.servers.createImage({ id, name: '   ' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await demo.compute.servers.createImage({ id, name: 'first' });
    await expect(demo.compute.servers.createImage({ id, name: 'second' })).rejects.toMatchObject({ code: 'CONFLICT' });
    const theirs = await activeServer(adminToken, 'admins-vm');
    await expect(demo.compute.servers.createImage({ id: theirs, name: 'steal' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await h.database.db.image.count()).toBe(before + 1);
  });
});
