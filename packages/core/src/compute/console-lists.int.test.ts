import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@nimbus/shared';
import { createFixture, type Fixture } from '../identity/resources/test-fixture.js';
import { consoleGetServer, consoleInstanceActions, consoleListServers } from './console-servers.js';
import { consoleListKeyPairs } from './console-keypairs.js';
import { consoleListFlavors } from './console-flavors.js';
import { consoleListQuotas } from './console-quotas.js';
import { consoleListImages } from '../image/console-images.js';

let f: Fixture;
const ids: Record<string, string> = {};

function instance(name: string, projectId: string, userId: string, vmState: string, taskState: string | null = null) {
  const id = newId();
  ids[name] = id;
  return { id, name, projectId, userId, flavorId: '1', vcpus: 1, memoryMb: 512, rootGb: 1, reservationId: 'r-test', vmState, taskState, powerState: vmState === 'active' ? 1 : 4 };
}

beforeAll(async () => {
  f = await createFixture('console-compute');
  const demoProject = f.demo.projectId!;
  await f.t.db.instance.createMany({
    data: [
      instance('web-1', demoProject, f.demo.userId, 'active'),
      instance('web-2', demoProject, f.demo.userId, 'stopped'),
      instance('db-1', demoProject, f.demo.userId, 'building', 'scheduling'),
      instance('carol-1', f.otherProjectId, f.carolId, 'active'),
    ],
  });
  const start = new Date(Date.now() - 5000);
  await f.t.db.instanceAction.create({
    data: {
      id: newId(),
      instanceId: ids['web-1']!,
      action: 'create',
      requestId: 'req-1',
      userId: f.demo.userId,
      projectId: demoProject,
      startTime: start,
      finishTime: new Date(start.getTime() + 3000),
      events: { create: [{ id: newId(), event: 'compute_spawn', host: 'n1', result: 'Success', startTime: start, finishTime: new Date(start.getTime() + 2500) }] },
    },
  });
  await f.t.db.image.createMany({
    data: [
      { id: newId(), name: 'demo-private', ownerProjectId: demoProject, visibility: 'private', status: 'active' },
      { id: newId(), name: 'carol-private', ownerProjectId: f.otherProjectId, visibility: 'private', status: 'queued' },
      { id: newId(), name: 'everyone', ownerProjectId: null, visibility: 'public', status: 'active' },
    ],
  });
  await f.t.db.keyPair.createMany({
    data: [
      { id: newId(), userId: f.demo.userId, name: 'demo-key', publicKey: 'ssh-ed25519 AAAA', fingerprint: 'aa:bb' },
      { id: newId(), userId: f.carolId, name: 'carol-key', publicKey: 'ssh-ed25519 AAAB', fingerprint: 'cc:dd' },
    ],
  });
});
afterAll(async () => {
  await f?.cleanup();
});

describe('consoleListServers', () => {
  it("pages the caller's project only, with Nova statuses and the actions allowed now", async () => {
    const page = await consoleListServers(f.ctx(f.demo), { sort: 'name' });
    expect(page.total).toBe(3);
    expect(page.items.map((s) => s.name)).toEqual(['db-1', 'web-1', 'web-2']);
    const [db, web1, web2] = page.items;
    expect(db).toMatchObject({ status: 'BUILD', transitional: true, flavor: { name: 'm1.tiny' }, host: null });
    expect(web1).toMatchObject({ status: 'ACTIVE', powerState: 'RUNNING', transitional: false });
    expect(web1!.allowed).toContain('stop');
    expect(web1!.allowed).not.toContain('start');
    expect(web2).toMatchObject({ status: 'SHUTOFF' });
    expect(web2!.allowed).toContain('start');
  });

  it('filters by status and name, and refuses all projects to members', async () => {
    expect((await consoleListServers(f.ctx(f.demo), { status: 'SHUTOFF' })).items.map((s) => s.name)).toEqual(['web-2']);
    expect((await consoleListServers(f.ctx(f.demo), { q: 'WEB' })).total).toBe(2);
    await expect(consoleListServers(f.ctx(f.demo), { allProjects: true })).rejects.toMatchObject({ status: 403 });
    const all = await consoleListServers(f.ctx(f.admin), { allProjects: true, pageSize: 100 });
    expect(all.items.map((s) => s.name)).toEqual(expect.arrayContaining(['web-1', 'carol-1']));
  });

  it("hides another project's server (404) and gives the action log with durations", async () => {
    await expect(consoleGetServer(f.ctx(f.demo), ids['carol-1']!)).rejects.toMatchObject({ status: 404 });
    expect((await consoleGetServer(f.ctx(f.demo), ids['web-1']!)).name).toBe('web-1');
    const log = await consoleInstanceActions(f.ctx(f.demo), ids['web-1']!);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ action: 'create', durationMs: 3000 });
    expect(log[0]!.events[0]).toMatchObject({ event: 'compute_spawn', durationMs: 2500 });
    await expect(consoleInstanceActions(f.ctx(f.carol), ids['web-1']!)).rejects.toMatchObject({ status: 404 });
  });
});

describe('console images, key pairs, flavors and quotas', () => {
  it('lists the images a project can see', async () => {
    const demo = await consoleListImages(f.ctx(f.demo), { pageSize: 100 });
    expect(demo.items.map((i) => i.name)).toEqual(expect.arrayContaining(['demo-private', 'everyone']));
    expect(demo.items.map((i) => i.name)).not.toContain('carol-private');
    expect(demo.items.find((i) => i.name === 'demo-private')).toMatchObject({ own: true, can: { update: true, delete: true } });
    const carol = await consoleListImages(f.ctx(f.carol), { status: 'queued' });
    expect(carol.items.map((i) => i.name)).toEqual(['carol-private']);
    expect((await consoleListImages(f.ctx(f.carol), { bootable: true, pageSize: 100 })).items.map((i) => i.name)).not.toContain('carol-private');
  });

  it("lists only the caller's key pairs", async () => {
    expect((await consoleListKeyPairs(f.ctx(f.demo))).items.map((k) => k.name)).toEqual(['demo-key']);
    expect((await consoleListKeyPairs(f.ctx(f.carol))).items.map((k) => k.name)).toEqual(['carol-key']);
  });

  it('counts flavors with the instances using them', async () => {
    const page = await consoleListFlavors(f.ctx(f.admin), { sort: 'name', pageSize: 100 });
    expect(page.items.find((x) => x.name === 'm1.tiny')).toMatchObject({ vcpus: 1, instances: 4 });
  });

  it('shows every project quota with usage to admins only', async () => {
    const page = await consoleListQuotas(f.ctx(f.admin), { q: 'demo' });
    expect(page.items[0]).toMatchObject({ projectName: 'demo', usage: { instances: 3, cores: 3, ram: 1536 } });
    await expect(consoleListQuotas(f.ctx(f.demo))).rejects.toMatchObject({ status: 403 });
  });
});
