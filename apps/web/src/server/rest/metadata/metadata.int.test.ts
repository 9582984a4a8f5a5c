import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@nimbus/shared';
import { startRestHarness, type RestHarness } from '../test-harness';
import { sanitizeHostname } from './document';

let h: RestHarness;
let nova: string;
let demo: string;
let admin: string;
const imageId = newId();
const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOq3y8dp6Zfmbn1kJ6T0Q7m1s0N2hD9v0bq0J3mJfZ1w meta@test';
const MD = '/metadata/openstack/latest/meta_data.json';

beforeAll(async () => {
  h = await startRestHarness();
  const db = h.database.db;
  await db.flavor.create({ data: { id: 'f-meta', name: 'meta', vcpus: 1, ramMb: 128, diskGb: 1 } });
  await db.image.create({
    data: { id: imageId, name: 'img', status: 'active', visibility: 'public', diskFormat: 'raw', containerFormat: 'bare', ownerProjectId: h.seeded.projects.admin },
  });
  nova = await h.login('nova', 'service', 'service');
  demo = await h.login('demo', 'demo');
  admin = await h.login('admin', 'admin');
  const kp = await h.call('POST', '/compute/v2.1/os-keypairs', { token: demo, body: { keypair: { name: 'mykey', public_key: KEY } } });
  expect(kp.status).toBe(200);
});

afterAll(async () => {
  await h?.rt.jobs.close();
  await h?.close();
});

/** A server of project demo created through the compute API (no scheduler runs: it stays BUILD). */
async function server(body: Record<string, unknown>): Promise<string> {
  const res = await h.call('POST', '/compute/v2.1/servers', { token: demo, body: { server: { flavorRef: 'f-meta', imageRef: imageId, ...body } } });
  expect(res.status).toBe(202);
  return res.body.server.id as string;
}

const get = (path: string, instanceId: string | undefined, token: string | null = nova) =>
  h.call('GET', path, { ...(token ? { token } : {}), headers: instanceId ? { 'X-Instance-ID': instanceId } : {} });

describe('metadata service', () => {
  it("serves an instance's meta_data.json as Nova does, with its key pair and metadata", async () => {
    const id = await server({ name: 'Web Server_1', key_name: 'mykey', metadata: { role: 'web' } });
    const res = await get(MD, id);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const row = await h.database.db.instance.findUniqueOrThrow({ where: { id } });
    expect(res.body).toMatchObject({
      uuid: id,
      name: 'Web Server_1',
      hostname: row.hostname ?? 'web-server-1',
      launch_index: 0,
      availability_zone: 'nova',
      project_id: h.seeded.projects.demo,
      meta: { role: 'web' },
      public_keys: { mykey: KEY },
      keys: [{ name: 'mykey', type: 'ssh', data: KEY }],
      devices: [],
    });
    expect(Buffer.from(res.body.random_seed, 'base64')).toHaveLength(512);
    // A dated version serves the same document.
    expect((await get('/metadata/openstack/2018-08-27/meta_data.json', id)).body.uuid).toBe(id);
  });

  it('serves the key as booted (keyData) even after the key pair is gone, and the recorded hostname and launch index', async () => {
    const id = await server({ name: 'kept', key_name: 'mykey' });
    await h.database.db.instance.update({ where: { id }, data: { keyData: 'ssh-rsa AAAAB3old kept@boot', hostname: 'kept-host', launchIndex: 2, availabilityZone: 'az9' } });
    expect((await h.call('DELETE', '/compute/v2.1/os-keypairs/mykey', { token: demo })).status).toBe(202);
    const res = await get(MD, id);
    expect(res.body).toMatchObject({ hostname: 'kept-host', launch_index: 2, availability_zone: 'az9', public_keys: { mykey: 'ssh-rsa AAAAB3old kept@boot' } });
    const again = await h.call('POST', '/compute/v2.1/os-keypairs', { token: demo, body: { keypair: { name: 'mykey', public_key: KEY } } });
    expect(again.status).toBe(200);
  });

  it('serves user_data decoded, lists it, and answers 404 for an instance without any', async () => {
    const script = '#!/bin/sh\necho hello from user data\n';
    const withData = await server({ name: 'ud', user_data: Buffer.from(script).toString('base64') });
    const res = await fetch(`${h.url}/metadata/openstack/latest/user_data`, { headers: { 'X-Auth-Token': nova, 'X-Instance-ID': withData } });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(script);
    expect((await get('/metadata/openstack/latest/', withData)).body).toBe('meta_data.json\nuser_data');

    const without = await server({ name: 'no-ud' });
    expect((await get('/metadata/openstack/latest/user_data', without)).status).toBe(404);
    expect((await get('/metadata/openstack/latest', without)).body).toBe('meta_data.json');
    expect((await get(MD, without)).body).toMatchObject({ public_keys: {}, keys: [] });
  });

  it('lists the OpenStack metadata versions, latest last', async () => {
    const id = await server({ name: 'versions' });
    const res = await get('/metadata/openstack', id);
    expect(res.status).toBe(200);
    const lines = String(res.body).split('\n');
    expect(lines).toContain('2012-08-10');
    expect(lines.at(-1)).toBe('latest');
    expect((await get('/metadata/openstack/1999-01-01/meta_data.json', id)).status).toBe(404);
  });

  it('answers 404 for an unknown or deleted instance and 400 without X-Instance-ID', async () => {
    expect((await get(MD, newId())).status).toBe(404);
    const id = await server({ name: 'gone' });
    await h.database.db.instance.update({ where: { id }, data: { deletedAt: new Date(), vmState: 'deleted' } });
    const gone = await get(MD, id);
    expect(gone.status).toBe(404);
    expect(gone.body.itemNotFound.message).toContain(id);
    const missing = await get(MD, undefined);
    expect(missing.status).toBe(400);
    expect(missing.body.badRequest.message).toContain('X-Instance-ID');
  });

  it('answers 401 without a valid token and 403 to users that are not service users', async () => {
    const id = await server({ name: 'guarded' });
    expect((await get(MD, id, null)).status).toBe(401);
    expect((await get(MD, id, 'not-a-token')).status).toBe(401);
    const asDemo = await get(MD, id, demo);
    expect(asDemo.status).toBe(403);
    expect(asDemo.body.forbidden.message).toMatch(/service/);
    // Cloud admin of another project is not a service user either.
    expect((await get(MD, id, admin)).status).toBe(403);
    expect((await get('/metadata/openstack', id, demo)).status).toBe(403);
  });
});

describe('sanitizeHostname', () => {
  it("follows Nova's rules", () => {
    expect(sanitizeHostname('Web Server_1', 'x')).toBe('web-server-1');
    expect(sanitizeHostname('a.b.example', 'x')).toBe('a-b-example');
    expect(sanitizeHostname('--ok--', 'x')).toBe('ok');
    expect(sanitizeHostname('ÄÖ!', 'abc')).toBe('server-abc');
    expect(sanitizeHostname('x'.repeat(70), 'a')).toHaveLength(63);
  });
});
