import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { newId } from '@nimbus/shared';
import { JobName, QueueName, nodeQueueName } from '@nimbus/shared/queues';
import { startRestHarness, type RestHarness } from '../../test-harness';

let h: RestHarness;
let admin: string;
let demo: string;
let redis: Redis;
let scheduler: Queue;
const NODE = `node-${newId().slice(0, 6)}`;
const ids = { flavor: 'f-small', bigFlavor: 'f-big', image: newId(), privateImage: newId(), queuedImage: newId(), node: newId() };

const S = '/compute/v2.1/servers';
const MV = { 'OpenStack-API-Version': 'compute 2.79' };

beforeAll(async () => {
  h = await startRestHarness();
  redis = new Redis(h.rt.config.REDIS_URL, { maxRetriesPerRequest: null });
  scheduler = new Queue(QueueName.Scheduler, { connection: redis, prefix: h.rt.config.REDIS_PREFIX });
  const db = h.database.db;
  await db.flavor.createMany({
    data: [
      { id: ids.flavor, name: 'small', vcpus: 1, ramMb: 512, diskGb: 1 },
      { id: ids.bigFlavor, name: 'big', vcpus: 2, ramMb: 1024, diskGb: 2 },
    ],
  });
  await db.image.createMany({
    data: [
      { id: ids.image, name: 'cirros', status: 'active', visibility: 'public', diskFormat: 'raw', containerFormat: 'bare', ownerProjectId: h.seeded.projects.admin },
      { id: ids.privateImage, name: 'secret', status: 'active', visibility: 'private', ownerProjectId: h.seeded.projects.admin },
      { id: ids.queuedImage, name: 'empty', status: 'queued', visibility: 'public', ownerProjectId: h.seeded.projects.demo },
    ],
  });
  await db.keyPair.create({ data: { id: newId(), userId: h.seeded.users.demo as string, name: 'k', publicKey: 'ssh-ed25519 AAAA', fingerprint: 'x' } });
  await db.computeNode.create({
    data: { id: ids.node, name: NODE, hypervisorType: 'fake', roles: ['compute'], vcpus: 8, memoryMb: 16384, localGb: 100, state: 'up', availabilityZone: 'nova' },
  });
  // The demo and admin projects boot many servers across these tests; the quota tests use a project of their own.
  for (const projectId of [h.seeded.projects.demo as string, h.seeded.projects.admin as string]) {
    await db.quotaLimit.createMany({ data: ['instances', 'cores', 'ram'].map((resource) => ({ projectId, resource, hardLimit: -1 })) });
  }
  admin = await h.login('admin', 'admin');
  demo = await h.login('demo', 'demo');
});

afterAll(async () => {
  await scheduler?.close();
  await redis?.quit();
  await h?.rt.jobs.close();
  await h?.close();
});

const boot = (token: string, server: Record<string, unknown> = {}) =>
  h.call('POST', S, { token, body: { server: { name: 'vm', flavorRef: ids.flavor, imageRef: ids.image, ...server } } });

/** Puts a server on the test node as the scheduler and conductor would. */
async function place(id: string, vmState = 'active', taskState: string | null = null) {
  await h.database.db.instance.update({ where: { id }, data: { nodeId: ids.node, vmState, taskState, powerState: vmState === 'active' ? 1 : 4, attempts: 1 } });
}

async function nodeJobs() {
  const q = new Queue(nodeQueueName(NODE), { connection: redis, prefix: h.rt.config.REDIS_PREFIX });
  const jobs = await q.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed']);
  await q.close();
  return jobs;
}

describe('POST /servers', () => {
  it('answers 202, creates the row and its create action, and enqueues schedule', async () => {
    const res = await boot(demo, { key_name: 'k', metadata: { role: 'web' }, user_data: Buffer.from('#!/bin/sh').toString('base64') });
    expect(res.status).toBe(202);
    const id = res.body.server.id as string;
    expect(res.body.server).toMatchObject({ id, 'OS-DCF:diskConfig': 'MANUAL', security_groups: [{ name: 'default' }] });
    expect(res.body.server.adminPass).toMatch(/^\w{12}$/);
    expect(res.body.server.links[0].href).toBe(`${h.url}${S}/${id}`);
    const row = await h.database.db.instance.findUniqueOrThrow({ where: { id }, include: { actions: true } });
    expect(row).toMatchObject({ vmState: 'building', taskState: 'scheduling', projectId: h.seeded.projects.demo, vcpus: 1, memoryMb: 512, keyName: 'k', metadata: { role: 'web' } });
    expect(row.actions.map((a) => a.action)).toEqual(['create']);
    const job = await scheduler.getJob(`schedule-${id}-1`);
    expect(job?.name).toBe(JobName.Schedule);
    expect(job?.data).toMatchObject({ instanceId: id, attempt: 1, requestId: res.headers.get('x-openstack-request-id') });
  });

  it('creates min..max servers with one reservation, named name-N', async () => {
    const res = await h.call('POST', S, { token: demo, body: { server: { name: 'multi', flavorRef: ids.flavor, imageRef: ids.image, min_count: 2, max_count: 2, return_reservation_id: true } } });
    expect(res.status).toBe(202);
    const rows = await h.database.db.instance.findMany({ where: { reservationId: res.body.reservation_id }, orderBy: { name: 'asc' } });
    expect(rows.map((r) => r.name)).toEqual(['multi-1', 'multi-2']);
  });

  it.each<[string, Record<string, unknown>, string, RegExp]>([
    ['a missing flavor', { flavorRef: undefined }, 'flavorRef', /'flavorRef' is a required property/],
    ['an unknown flavor', { flavorRef: 'nope' }, 'flavorRef', /Invalid flavorRef provided/],
    ['an unknown image', { imageRef: newId() }, 'imageRef', /can not find requested image/],
    ["another project's private image", { imageRef: ids.privateImage }, 'imageRef', /can not find requested image/],
    ['an image not active', { imageRef: ids.queuedImage }, 'imageRef', /is not active/],
    ["someone else's key", { key_name: 'nokey' }, 'key_name', /Invalid key_name provided/],
    ['an unknown zone', { availability_zone: 'mars' }, 'availability_zone', /availability zone is not available/],
    ['bad user_data', { user_data: 'not base64!' }, 'user_data', /base64/],
    ['an empty name', { name: '' }, 'name', /name/],
    ['min_count > max_count', { min_count: 3, max_count: 2 }, 'min_count', /min_count must be <= max_count/],
  ])('refuses %s with 400 naming the field and creates nothing', async (_what, server, field, message) => {
    const before = await h.database.db.instance.count();
    const res = await boot(demo, server);
    expect(res.status).toBe(400);
    expect(res.body.badRequest.message).toMatch(message);
    expect(res.body.badRequest.message).toContain(field);
    expect(await h.database.db.instance.count()).toBe(before);
  });

  it('refuses a body without "server"', async () => {
    const res = await h.call('POST', S, { token: demo, body: { name: 'x' } });
    expect(res.status).toBe(400);
    expect(res.body.badRequest.message).toMatch(/'server' is a required property/);
  });
});

describe('GET /servers', () => {
  let ids3: string[] = [];
  beforeAll(async () => {
    ids3 = [];
    for (const name of ['page-a', 'page-b', 'page-c']) ids3.push((await boot(demo, { name })).body.server.id);
    await place(ids3[0] as string, 'stopped');
  });

  it('lists the project servers with names and links; detail with the full shape', async () => {
    const list = await h.call('GET', `${S}?name=^page-`, { token: demo });
    expect(list.status).toBe(200);
    expect(list.body.servers.map((s: { name: string }) => s.name).sort()).toEqual(['page-a', 'page-b', 'page-c']);
    expect(Object.keys(list.body.servers[0]).sort()).toEqual(['id', 'links', 'name']);
    const detail = await h.call('GET', `${S}/detail?name=page-a`, { token: demo, headers: MV });
    expect(detail.body.servers).toHaveLength(1);
    expect(detail.body.servers[0]).toMatchObject({ name: 'page-a', status: 'SHUTOFF', 'OS-EXT-STS:vm_state': 'stopped', 'OS-EXT-STS:power_state': 4 });
  });

  it('filters by status, image and flavor', async () => {
    const shutoff = await h.call('GET', `${S}?status=SHUTOFF`, { token: demo });
    expect(shutoff.body.servers.map((s: { id: string }) => s.id)).toEqual([ids3[0]]);
    const build = await h.call('GET', `${S}?status=BUILD&name=^page-`, { token: demo });
    expect(build.body.servers).toHaveLength(2);
    expect((await h.call('GET', `${S}?flavor=${ids.bigFlavor}`, { token: demo })).body.servers).toHaveLength(0);
    expect((await h.call('GET', `${S}?image=${ids.image}&name=^page-`, { token: demo })).body.servers).toHaveLength(3);
  });

  it('pages with marker/limit and a next link, sorted as asked', async () => {
    const first = await h.call('GET', `${S}?name=^page-&sort_key=display_name&sort_dir=asc&limit=2`, { token: demo });
    expect(first.body.servers.map((s: { name: string }) => s.name)).toEqual(['page-a', 'page-b']);
    const next = new URL(first.body.servers_links[0].href);
    expect(next.searchParams.get('marker')).toBe(first.body.servers[1].id);
    const second = await h.call('GET', `${next.pathname}${next.search}`, { token: demo });
    expect(second.body.servers.map((s: { name: string }) => s.name)).toEqual(['page-c']);
    expect(second.body.servers_links).toBeUndefined();
    const bad = await h.call('GET', `${S}?marker=${newId()}`, { token: demo });
    expect(bad.status).toBe(400);
  });

  it('refuses all_tenants to members; lets admins see every project and filter by host', async () => {
    expect((await h.call('GET', `${S}?all_tenants=1`, { token: demo })).status).toBe(403);
    const own = await h.call('GET', S, { token: admin });
    expect(own.body.servers).toHaveLength(0);
    const all = await h.call('GET', `${S}/detail?all_tenants=1&host=${NODE}`, { token: admin });
    expect(all.body.servers.map((s: { id: string }) => s.id)).toEqual([ids3[0]]);
    expect(all.body.servers[0]['OS-EXT-SRV-ATTR:host']).toBe(NODE);
  });
});

describe('GET /servers/{id}', () => {
  it("shows Nova's shape; host attributes only to admins; 404 for another project", async () => {
    const id = (await boot(demo, { name: 'shown', key_name: 'k' })).body.server.id as string;
    await place(id);
    const res = await h.call('GET', `${S}/${id}`, { token: demo, headers: MV });
    expect(res.status).toBe(200);
    expect(res.headers.get('openstack-api-version')).toBe('compute 2.79');
    const s = res.body.server;
    expect(s).toMatchObject({
      id,
      name: 'shown',
      status: 'ACTIVE',
      tenant_id: h.seeded.projects.demo,
      user_id: h.seeded.users.demo,
      key_name: 'k',
      addresses: {},
      metadata: {},
      progress: 0,
      'OS-EXT-AZ:availability_zone': 'nova',
      'OS-EXT-STS:vm_state': 'active',
      'OS-EXT-STS:task_state': null,
      'OS-EXT-STS:power_state': 1,
      flavor: { vcpus: 1, ram: 512, disk: 1, original_name: 'small', extra_specs: {} },
      image: { id: ids.image },
      locked: false,
      description: null,
      tags: [],
    });
    expect(s.hostId).toMatch(/^[0-9a-f]{56}$/);
    expect(s.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(s['OS-EXT-SRV-ATTR:host']).toBeUndefined();
    const old = await h.call('GET', `${S}/${id}`, { token: demo });
    expect(old.body.server.flavor).toEqual({ id: ids.flavor, links: [{ rel: 'bookmark', href: `${h.url}/compute/flavors/${ids.flavor}` }] });
    const asAdmin = await h.call('GET', `${S}/${id}`, { token: admin, headers: MV });
    expect(asAdmin.body.server).toMatchObject({ 'OS-EXT-SRV-ATTR:host': NODE, 'OS-EXT-SRV-ATTR:hypervisor_hostname': NODE, host_status: 'UP' });

    const missing = await h.call('GET', `${S}/${newId()}`, { token: demo });
    expect(missing.status).toBe(404);
    expect(missing.body.itemNotFound.message).toMatch(/could not be found/);
  });

  it('shows the fault of a server in ERROR', async () => {
    const id = (await boot(demo, { name: 'broken' })).body.server.id as string;
    await h.database.db.instance.update({ where: { id }, data: { vmState: 'error', taskState: null, fault: { code: 500, message: 'No valid host was found. RamFilter: 3 hosts', created: '2026-01-01T00:00:00Z' } } });
    const res = await h.call('GET', `${S}/${id}`, { token: demo });
    expect(res.body.server.status).toBe('ERROR');
    expect(res.body.server.fault).toMatchObject({ code: 500, message: expect.stringMatching(/No valid host/) });
  });
});

describe('isolation', () => {
  it("answers 404 for another project's server on every route", async () => {
    const id = (await boot(admin, { name: 'admins' })).body.server.id as string;
    for (const [method, path, body] of [
      ['GET', `${S}/${id}`, undefined],
      ['PUT', `${S}/${id}`, { server: { name: 'x' } }],
      ['DELETE', `${S}/${id}`, undefined],
      ['POST', `${S}/${id}/action`, { 'os-stop': null }],
      ['GET', `${S}/${id}/metadata`, undefined],
      ['GET', `${S}/${id}/os-instance-actions`, undefined],
    ] as const) {
      const res = await h.call(method, path, { token: demo, body });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    expect((await h.database.db.instance.findUniqueOrThrow({ where: { id } })).deletedAt).toBeNull();
  });
});

describe('update and metadata', () => {
  it('renames, describes and edits metadata', async () => {
    const id = (await boot(demo, { name: 'before', metadata: { a: '1' } })).body.server.id as string;
    const put = await h.call('PUT', `${S}/${id}`, { token: demo, headers: MV, body: { server: { name: 'after', description: 'd' } } });
    expect(put.status).toBe(200);
    expect(put.body.server).toMatchObject({ name: 'after', description: 'd' });
    expect((await h.call('POST', `${S}/${id}/metadata`, { token: demo, body: { metadata: { b: '2' } } })).body.metadata).toEqual({ a: '1', b: '2' });
    expect((await h.call('PUT', `${S}/${id}/metadata/c`, { token: demo, body: { meta: { c: '3' } } })).body.meta).toEqual({ c: '3' });
    expect((await h.call('GET', `${S}/${id}/metadata/c`, { token: demo })).body.meta).toEqual({ c: '3' });
    expect((await h.call('DELETE', `${S}/${id}/metadata/a`, { token: demo })).status).toBe(204);
    expect((await h.call('PUT', `${S}/${id}/metadata`, { token: demo, body: { metadata: { z: '9' } } })).body.metadata).toEqual({ z: '9' });
    expect((await h.call('GET', `${S}/${id}/metadata/a`, { token: demo })).status).toBe(404);
  });
});

describe('actions', () => {
  it('stop: 202, task powering-off, a stop action, power-off sent to the node', async () => {
    const id = (await boot(demo, { name: 'act' })).body.server.id as string;
    await place(id);
    const res = await h.call('POST', `${S}/${id}/action`, { token: demo, body: { 'os-stop': null } });
    expect(res.status).toBe(202);
    const row = await h.database.db.instance.findUniqueOrThrow({ where: { id }, include: { actions: true } });
    expect(row.taskState).toBe('powering-off');
    expect(row.actions.map((a) => a.action).sort()).toEqual(['create', 'stop']);
    const job = (await nodeJobs()).find((j) => j.data.instanceId === id && j.data.step === 'power-off');
    expect(job?.name).toBe(JobName.InstanceAction);
    // busy: a second stop is refused, naming the task state
    const again = await h.call('POST', `${S}/${id}/action`, { token: demo, body: { 'os-stop': null } });
    expect(again.status).toBe(409);
    expect(again.body.conflictingRequest.message).toBe(`Cannot 'stop' instance ${id} while it is in task_state powering-off`);
  });

  it.each<[string, string, unknown, string]>([
    ['stopped', 'os-stop', null, "Cannot 'stop' instance %s while it is in vm_state stopped"],
    ['active', 'os-start', null, "Cannot 'start' instance %s while it is in vm_state active"],
    ['stopped', 'reboot', { type: 'SOFT' }, "Cannot 'reboot' instance %s while it is in vm_state stopped"],
    ['active', 'unpause', null, "Cannot 'unpause' instance %s while it is in vm_state active"],
    ['active', 'resume', null, "Cannot 'resume' instance %s while it is in vm_state active"],
    ['active', 'confirmResize', null, "Cannot 'confirmResize' instance %s while it is in vm_state active"],
    ['paused', 'createImage', { name: 'snap' }, ''],
  ])('in vm_state %s, %s → allow-list', async (vmState, action, arg, message) => {
    const id = (await boot(demo, { name: `al-${action}` })).body.server.id as string;
    await place(id, vmState);
    const res = await h.call('POST', `${S}/${id}/action`, { token: demo, body: { [action]: arg } });
    if (!message) {
      expect(res.status).toBe(202);
      return;
    }
    expect(res.status).toBe(409);
    expect(res.body.conflictingRequest.message).toBe(message.replace('%s', id));
    expect((await h.database.db.instance.findUniqueOrThrow({ where: { id } })).taskState).toBeNull();
  });

  it('refuses actions on a server still building', async () => {
    const id = (await boot(demo, { name: 'building' })).body.server.id as string;
    const res = await h.call('POST', `${S}/${id}/action`, { token: demo, body: { pause: null } });
    expect(res.status).toBe(409);
    expect(res.body.conflictingRequest.message).toMatch(/while it is in vm_state building/);
  });

  it('compare-and-set: of concurrent conflicting actions exactly one wins', async () => {
    const id = (await boot(demo, { name: 'race' })).body.server.id as string;
    await place(id);
    const results = await Promise.all(
      ['os-stop', 'pause', 'suspend', 'os-stop', 'pause', 'suspend'].map((a) => h.call('POST', `${S}/${id}/action`, { token: demo, body: { [a]: null } })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([202, 409, 409, 409, 409, 409]);
    const actions = await h.database.db.instanceAction.findMany({ where: { instanceId: id } });
    expect(actions).toHaveLength(2);
  });

  it('reboot hard, resize (quota-checked, target kept in newFlavor), unknown actions', async () => {
    const id = (await boot(demo, { name: 'rs' })).body.server.id as string;
    await place(id);
    expect((await h.call('POST', `${S}/${id}/action`, { token: demo, body: { reboot: { type: 'BOGUS' } } })).status).toBe(400);
    expect((await h.call('POST', `${S}/${id}/action`, { token: demo, body: { resize: { flavorRef: ids.flavor } } })).status).toBe(400);
    const resize = await h.call('POST', `${S}/${id}/action`, { token: demo, body: { resize: { flavorRef: ids.bigFlavor } } });
    expect(resize.status).toBe(202);
    const row = await h.database.db.instance.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ taskState: 'resize_prep', newFlavor: { id: ids.bigFlavor, vcpus: 2, memoryMb: 1024 } });
    const job = (await nodeJobs()).find((j) => j.data.instanceId === id && j.data.step === 'resize');
    expect(job?.data.flavor).toEqual({ vcpus: 2, memoryMb: 1024, rootGb: 2 });
    const status = await h.call('GET', `${S}/${id}`, { token: demo });
    expect(status.body.server.status).toBe('RESIZE');
    const unknown = await h.call('POST', `${S}/${id}/action`, { token: demo, body: { levitate: null } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.badRequest.message).toBe('There is no such action: levitate');
  });

  it('createImage: a queued private image, snapshot sent with its id', async () => {
    const id = (await boot(demo, { name: 'snap' })).body.server.id as string;
    await place(id);
    const res = await h.call('POST', `${S}/${id}/action`, { token: demo, headers: MV, body: { createImage: { name: 'my-snap', metadata: { k: 'v' } } } });
    expect(res.status).toBe(202);
    const imageId = res.body.image_id as string;
    const image = await h.database.db.image.findUniqueOrThrow({ where: { id: imageId } });
    // The base image is raw, but a real driver always flattens the root disk into qcow2.
    expect(image).toMatchObject({ name: 'my-snap', status: 'queued', visibility: 'private', diskFormat: 'qcow2', ownerProjectId: h.seeded.projects.demo });
    expect(image.properties).toMatchObject({ k: 'v', image_type: 'snapshot', instance_uuid: id });
    const job = (await nodeJobs()).find((j) => j.data.instanceId === id && j.data.step === 'snapshot');
    expect(job?.data.targetImageId).toBe(imageId);
    expect((await h.database.db.instance.findUniqueOrThrow({ where: { id } })).taskState).toBe('image_snapshot');
    // before 2.45 the image is named by the Location header
    await place(id);
    const old = await h.call('POST', `${S}/${id}/action`, { token: demo, body: { createImage: { name: 'old-style' } } });
    expect(old.status).toBe(202);
    expect(old.headers.get('location')).toMatch(new RegExp(`^${h.url}/image/v2/images/[0-9a-f-]{36}$`));
  });

  it('os-getConsoleOutput asks the node and returns its answer', async () => {
    const id = (await boot(demo, { name: 'console' })).body.server.id as string;
    await place(id);
    const conn = new Redis(h.rt.config.REDIS_URL, { maxRetriesPerRequest: null });
    const worker = new Worker(
      nodeQueueName(NODE),
      async (job) => (job.name === JobName.ConsoleOutput ? { output: `console of ${job.data.instanceId} (${job.data.length})` } : undefined),
      { connection: conn, prefix: h.rt.config.REDIS_PREFIX },
    );
    try {
      const res = await h.call('POST', `${S}/${id}/action`, { token: demo, body: { 'os-getConsoleOutput': { length: 5 } } });
      expect(res.status).toBe(200);
      expect(res.body.output).toBe(`console of ${id} (5)`);
    } finally {
      await worker.close();
      await conn.quit();
    }
  });

  it('lists instance actions and shows one with its events', async () => {
    const id = (await boot(demo, { name: 'ia' })).body.server.id as string;
    const create = await h.database.db.instanceAction.findFirstOrThrow({ where: { instanceId: id } });
    await h.database.db.instanceActionEvent.create({
      data: { id: newId(), actionId: create.id, event: 'conductor_schedule_and_build_instances', result: 'Success', host: NODE, finishTime: new Date() },
    });
    const list = await h.call('GET', `${S}/${id}/os-instance-actions`, { token: demo });
    expect(list.status).toBe(200);
    expect(list.body.instanceActions).toEqual([
      expect.objectContaining({ action: 'create', instance_uuid: id, request_id: create.requestId, user_id: h.seeded.users.demo, project_id: h.seeded.projects.demo }),
    ]);
    const show = await h.call('GET', `${S}/${id}/os-instance-actions/${create.requestId}`, { token: demo, headers: MV });
    expect(show.body.instanceAction.events).toEqual([
      expect.objectContaining({ event: 'conductor_schedule_and_build_instances', result: 'Success', hostId: expect.stringMatching(/^[0-9a-f]{56}$/) }),
    ]);
    expect(show.body.instanceAction.events[0].host).toBeUndefined();
    expect((await h.call('GET', `${S}/${id}/os-instance-actions/nope`, { token: demo })).status).toBe(404);
  });

  it('resize with no room on the host: 202, the server unchanged, the action failed with the reason', async () => {
    await h.database.db.flavor.create({ data: { id: 'f-huge', name: 'huge', vcpus: 1, ramMb: 1_000_000, diskGb: 2 } });
    const id = (await boot(demo, { name: 'no-room' })).body.server.id as string;
    await place(id);
    const res = await h.call('POST', `${S}/${id}/action`, { token: demo, body: { resize: { flavorRef: 'f-huge' } } });
    expect(res.status).toBe(202);
    const shown = (await h.call('GET', `${S}/${id}`, { token: demo, headers: MV })).body.server;
    expect(shown).toMatchObject({ status: 'ACTIVE', 'OS-EXT-STS:task_state': null, flavor: { original_name: 'small' } });
    expect((await nodeJobs()).some((j) => j.data.instanceId === id && j.data.step === 'resize')).toBe(false);
    const actions = (await h.call('GET', `${S}/${id}/os-instance-actions`, { token: demo })).body.instanceActions;
    const resize = actions.find((a: { action: string }) => a.action === 'resize');
    expect(resize.message).toBe('Error');
    const events = (await h.call('GET', `${S}/${id}/os-instance-actions/${resize.request_id}`, { token: admin, headers: MV })).body.instanceAction.events;
    expect(events).toEqual([expect.objectContaining({ event: 'conductor_migrate_server', result: 'Error', traceback: expect.stringMatching(/^No valid host was found\. RamFilter: 1 host, need \d+ MB, most free \d+ MB$/) })]);
  });
});

describe('DELETE /servers/{id}', () => {
  it('finishes a server never placed at once', async () => {
    const id = (await boot(demo, { name: 'gone' })).body.server.id as string;
    expect((await h.call('DELETE', `${S}/${id}`, { token: demo })).status).toBe(204);
    const row = await h.database.db.instance.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ vmState: 'deleted', taskState: null });
    expect(row.deletedAt).not.toBeNull();
    expect((await h.call('GET', `${S}/${id}`, { token: demo })).status).toBe(404);
    // its actions stay readable
    const actions = await h.call('GET', `${S}/${id}/os-instance-actions`, { token: demo });
    expect(actions.body.instanceActions.map((a: { action: string }) => a.action).sort()).toEqual(['create', 'delete']);
  });

  it('sends destroy to the node of a placed server, task deleting', async () => {
    const id = (await boot(demo, { name: 'placed' })).body.server.id as string;
    await place(id);
    expect((await h.call('DELETE', `${S}/${id}`, { token: demo })).status).toBe(204);
    expect((await h.database.db.instance.findUniqueOrThrow({ where: { id } })).taskState).toBe('deleting');
    expect((await nodeJobs()).some((j) => j.data.instanceId === id && j.data.step === 'destroy')).toBe(true);
  });
});

describe('quotas', () => {
  let project: string;
  let token: string;
  beforeAll(async () => {
    // A fresh project so usage starts at zero.
    const p = await h.call('POST', '/identity/v3/projects', { token: admin, body: { project: { name: 'quota-p', domain_id: 'default' } } });
    project = p.body.project.id;
    await h.call('PUT', `/identity/v3/projects/${project}/users/${h.seeded.users.demo}/roles/${h.seeded.roles.member}`, { token: admin });
    token = await h.login('demo', 'quota-p');
  });

  it('50 concurrent creates against a quota of 10 accept exactly 10; the rest get 403', async () => {
    const set = await h.call('PUT', `/compute/v2.1/os-quota-sets/${project}`, { token: admin, body: { quota_set: { instances: 10 } } });
    expect(set.status).toBe(200);
    expect(set.body.quota_set.instances).toBe(10);
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => boot(token, { name: `q-${i}` })));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 202)).toHaveLength(10);
    expect(statuses.filter((s) => s === 403)).toHaveLength(40);
    const refused = results.find((r) => r.status === 403);
    expect(refused?.body.forbidden.message).toBe('Quota exceeded for instances: Requested 1, but already used 10 of 10 instances');
    expect(await h.database.db.instance.count({ where: { projectId: project, deletedAt: null } })).toBe(10);
  });

  it('shows limits and quota detail from live rows; a delete frees usage at once', async () => {
    const limits = await h.call('GET', '/compute/v2.1/limits', { token });
    expect(limits.body.limits.absolute).toMatchObject({ maxTotalInstances: 10, totalInstancesUsed: 10, totalCoresUsed: 10, totalRAMUsed: 5120, maxTotalCores: 20 });
    const victim = await h.database.db.instance.findFirstOrThrow({ where: { projectId: project, deletedAt: null } });
    expect((await h.call('DELETE', `${S}/${victim.id}`, { token })).status).toBe(204);
    const detail = await h.call('GET', `/compute/v2.1/os-quota-sets/${project}/detail`, { token });
    expect(detail.body.quota_set).toMatchObject({ id: project, instances: { limit: 10, in_use: 9, reserved: 0 }, cores: { limit: 20, in_use: 9 }, ram: { limit: 51200, in_use: 4608 } });
    expect((await boot(token, { name: 'fits-again' })).status).toBe(202);
  });

  it('counts cores: a flavor that does not fit names cores', async () => {
    await h.call('PUT', `/compute/v2.1/os-quota-sets/${project}`, { token: admin, body: { quota_set: { instances: 100, cores: 11 } } });
    const res = await boot(token, { flavorRef: ids.bigFlavor });
    expect(res.status).toBe(403);
    expect(res.body.forbidden.message).toBe('Quota exceeded for cores: Requested 2, but already used 10 of 11 cores');
  });

  it('quota sets: show, defaults, update refused to members and below usage, reset', async () => {
    const show = await h.call('GET', `/compute/v2.1/os-quota-sets/${project}`, { token });
    expect(show.body.quota_set).toMatchObject({ id: project, instances: 100, cores: 11, ram: 51200, key_pairs: 100, metadata_items: 128, fixed_ips: -1 });
    const defaults = await h.call('GET', `/compute/v2.1/os-quota-sets/${project}/defaults`, { token, headers: MV });
    expect(defaults.body.quota_set).toEqual({ id: project, instances: 10, cores: 20, ram: 51200, key_pairs: 100, metadata_items: 128, server_groups: 10, server_group_members: 10 });
    expect((await h.call('PUT', `/compute/v2.1/os-quota-sets/${project}`, { token, body: { quota_set: { instances: 1000 } } })).status).toBe(403);
    const below = await h.call('PUT', `/compute/v2.1/os-quota-sets/${project}`, { token: admin, body: { quota_set: { instances: 1 } } });
    expect(below.status).toBe(400);
    expect((await h.call('PUT', `/compute/v2.1/os-quota-sets/${project}`, { token: admin, body: { quota_set: { bogus: 1 } } })).status).toBe(400);
    expect((await h.call('PUT', `/compute/v2.1/os-quota-sets/${project}`, { token: admin, body: { quota_set: { instances: 1, force: true } } })).status).toBe(200);
    expect((await h.call('DELETE', `/compute/v2.1/os-quota-sets/${project}`, { token: admin })).status).toBe(202);
    expect((await h.call('GET', `/compute/v2.1/os-quota-sets/${project}`, { token })).body.quota_set.instances).toBe(10);
  });
  it('block-storage and network quotas answer at their defaults for `quota show`', async () => {
    const volume = await h.call('GET', `/volume/v3/${project}/os-quota-sets/${project}?usage=False`, { token });
    expect(volume.status).toBe(200);
    expect(volume.body.quota_set).toMatchObject({ id: project, volumes: 10, gigabytes: 1000 });
    const network = await h.call('GET', `/network/v2.0/quotas/${project}`, { token });
    expect(network.body.quota).toMatchObject({ network: 100, port: 500 });
    const limits = await h.call('GET', `/volume/v3/${project}/limits`, { token });
    expect(limits.body.limits.absolute).toMatchObject({ maxTotalVolumes: 10, totalVolumesUsed: 0 });
    const other = await h.call('GET', `/network/v2.0/quotas/${h.seeded.projects.admin}`, { token });
    expect(other.status).toBe(403);
    expect(other.body.NeutronError.type).toBe('HTTPForbidden');
  });
});

describe('usage during a resize', () => {
  it('counts the larger flavor only while a resize holds it', async () => {
    const p = await h.call('POST', '/identity/v3/projects', { token: admin, body: { project: { name: 'resize-p', domain_id: 'default' } } });
    const project = p.body.project.id as string;
    await h.call('PUT', `/identity/v3/projects/${project}/users/${h.seeded.users.demo}/roles/${h.seeded.roles.member}`, { token: admin });
    const token = await h.login('demo', 'resize-p');
    const id = (await boot(token, { name: 'grow' })).body.server.id as string;
    await place(id);
    const cores = async () => (await h.call('GET', '/compute/v2.1/limits', { token })).body.limits.absolute.totalCoresUsed;
    expect(await cores()).toBe(1);
    expect((await h.call('POST', `${S}/${id}/action`, { token, body: { resize: { flavorRef: ids.bigFlavor } } })).status).toBe(202);
    expect(await cores()).toBe(2);
    // a failed resize puts the task back; a target column left behind holds nothing
    await h.database.db.instance.update({ where: { id }, data: { taskState: null } });
    expect(await cores()).toBe(1);
  });
});

describe('quota class defaults', () => {
  it('admins change the defaults every project without its own limit gets', async () => {
    const path = '/compute/v2.1/os-quota-class-sets/default';
    expect((await h.call('GET', path, { token: demo })).status).toBe(403);
    expect((await h.call('PUT', path, { token: demo, body: { quota_class_set: { instances: 15 } } })).status).toBe(403);
    const put = await h.call('PUT', path, { token: admin, body: { quota_class_set: { instances: 15 } } });
    expect(put.status).toBe(200);
    expect(put.body.quota_class_set.instances).toBe(15);
    expect((await h.call('GET', path, { token: admin })).body.quota_class_set).toMatchObject({ id: 'default', instances: 15, cores: 20 });
    const defaults = await h.call('GET', `/compute/v2.1/os-quota-sets/${h.seeded.projects.demo}/defaults`, { token: demo });
    expect(defaults.body.quota_set.instances).toBe(15);
    const volume = await h.call('GET', `/volume/v3/${h.seeded.projects.admin}/os-quota-class-sets/default`, { token: admin });
    expect(volume.body.quota_class_set).toMatchObject({ id: 'default', volumes: 10 });
    await h.call('PUT', path, { token: admin, body: { quota_class_set: { instances: 10 } } });
  });
});

describe('delete on a node that is down', () => {
  it('finishes locally (Nova local delete): row deleted, allocation released, destroy queued for its return', async () => {
    const downNode = newId();
    const downName = `down-${downNode.slice(0, 6)}`;
    await h.database.db.computeNode.create({ data: { id: downNode, name: downName, hypervisorType: 'fake', roles: ['compute'], vcpus: 4, memoryMb: 4096, localGb: 10, state: 'down' } });
    const id = (await boot(demo, { name: 'orphaned' })).body.server.id as string;
    await h.database.db.instance.update({ where: { id }, data: { nodeId: downNode, vmState: 'active', taskState: null, powerState: 1, attempts: 1 } });
    await h.database.db.allocation.create({ data: { instanceId: id, nodeId: downNode, vcpus: 1, memoryMb: 512, diskGb: 1 } });
    expect((await h.call('DELETE', `${S}/${id}`, { token: demo })).status).toBe(204);
    expect(await h.database.db.instance.findUniqueOrThrow({ where: { id } })).toMatchObject({ vmState: 'deleted', taskState: null });
    expect(await h.database.db.allocation.count({ where: { instanceId: id } })).toBe(0);
    const q = new Queue(nodeQueueName(downName), { connection: redis, prefix: h.rt.config.REDIS_PREFIX });
    const jobs = await q.getJobs(['waiting']);
    await q.close();
    expect(jobs.some((j) => j.data.instanceId === id && j.data.step === 'destroy')).toBe(true);
  });
});
