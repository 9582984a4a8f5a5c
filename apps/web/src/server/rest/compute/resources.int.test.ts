import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@nimbus/shared';
import { startRestHarness, type RestHarness } from '../test-harness';
import { MAX_MICROVERSION } from './microversion';

let h: RestHarness;
let admin: string;
let demo: string;
beforeAll(async () => {
  h = await startRestHarness({ TOKEN_EXPIRATION: '3600' });
  admin = await h.login('admin', 'admin', 'admin');
  demo = await h.login('demo', 'demo', 'demo');
});
afterAll(async () => {
  await h?.close();
});

const C = '/compute/v2.1';
const mv = (v: string) => ({ 'OpenStack-API-Version': `compute ${v}` });

describe('version documents and microversions', () => {
  it('answers the version documents without a token', async () => {
    const root = await h.call('GET', '/compute');
    expect(root.status).toBe(200);
    expect(root.body.versions).toEqual([expect.objectContaining({ id: 'v2.1', status: 'CURRENT', version: MAX_MICROVERSION, min_version: '2.1' })]);
    const v21 = await h.call('GET', `${C}/`);
    expect(v21.status).toBe(200);
    expect(v21.body.version).toMatchObject({ id: 'v2.1', version: MAX_MICROVERSION, min_version: '2.1' });
    expect(v21.body.version.links[0]).toEqual({ rel: 'self', href: `${h.url}/compute/v2.1/` });
  });

  it('echoes the negotiated version, honours latest and the legacy header, refuses the rest', async () => {
    const none = await h.call('GET', `${C}/flavors`, { token: demo });
    expect(none.headers.get('openstack-api-version')).toBe('compute 2.1');
    expect(none.headers.get('x-openstack-nova-api-version')).toBe('2.1');
    expect(none.headers.get('vary')).toContain('OpenStack-API-Version');
    const latest = await h.call('GET', `${C}/flavors`, { token: demo, headers: mv('latest') });
    expect(latest.headers.get('openstack-api-version')).toBe(`compute ${MAX_MICROVERSION}`);
    const legacy = await h.call('GET', `${C}/flavors`, { token: demo, headers: { 'X-OpenStack-Nova-API-Version': '2.53' } });
    expect(legacy.headers.get('x-openstack-nova-api-version')).toBe('2.53');
    const mixed = await h.call('GET', `${C}/flavors`, { token: demo, headers: { 'OpenStack-API-Version': 'volume 3.5, compute 2.60' } });
    expect(mixed.headers.get('openstack-api-version')).toBe('compute 2.60');

    const tooNew = await h.call('GET', `${C}/flavors`, { token: demo, headers: mv('2.999') });
    expect(tooNew.status).toBe(406);
    expect(tooNew.body.computeFault.message).toContain(`maximum is ${MAX_MICROVERSION}`);
    expect((await h.call('GET', `${C}/flavors`, { token: demo, headers: mv('3.0') })).status).toBe(406);
    const bad = await h.call('GET', `${C}/flavors`, { token: demo, headers: mv('two') });
    expect(bad.status).toBe(400);
    expect(bad.body.badRequest.message).toContain('invalid format');
  });

  it('puts the version headers on faults too, and 404s methods outside their versions', async () => {
    const missing = await h.call('GET', `${C}/flavors/nope`, { token: demo, headers: mv('2.60') });
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ itemNotFound: { code: 404, message: 'Flavor nope could not be found.' } });
    expect(missing.headers.get('openstack-api-version')).toBe('compute 2.60');
    expect((await h.call('PUT', `${C}/flavors/1`, { token: admin, body: { flavor: { description: 'x' } } })).status).toBe(404);
  });

  it('needs a token for the resources', async () => {
    const res = await h.call('GET', `${C}/flavors`);
    expect(res.status).toBe(401);
    expect(res.body.unauthorized.code).toBe(401);
  });
});

describe('flavors', () => {
  it('lists the seeded flavors by id, with details shaped per microversion', async () => {
    const list = await h.call('GET', `${C}/flavors`, { token: demo });
    expect(list.status).toBe(200);
    // Nova sorts by flavorid, a string: '42' before '5'.
    expect(list.body.flavors.map((f: { name: string }) => f.name)).toEqual(['m1.tiny', 'm1.small', 'm1.medium', 'm1.large', 'm1.nano', 'm1.xlarge']);
    expect(list.body.flavors[0]).toEqual({
      id: '1',
      name: 'm1.tiny',
      links: [
        { rel: 'self', href: `${h.url}/compute/v2.1/flavors/1` },
        { rel: 'bookmark', href: `${h.url}/compute/flavors/1` },
      ],
    });
    const old = await h.call('GET', `${C}/flavors/detail`, { token: demo });
    expect(old.body.flavors[0]).toMatchObject({ id: '1', ram: 512, vcpus: 1, disk: 1, swap: '', 'OS-FLV-EXT-DATA:ephemeral': 0, 'os-flavor-access:is_public': true, 'OS-FLV-DISABLED:disabled': false, rxtx_factor: 1 });
    expect(old.body.flavors[0]).not.toHaveProperty('description');
    const latest = await h.call('GET', `${C}/flavors/42`, { token: demo, headers: mv('latest') });
    expect(latest.body.flavor).toMatchObject({ id: '42', name: 'm1.nano', ram: 128, swap: 0, description: null, extra_specs: {} });
  });

  it('filters by minRam/minDisk, sorts, and pages with marker and a next link', async () => {
    const big = await h.call('GET', `${C}/flavors?minRam=4096&minDisk=50`, { token: demo });
    expect(big.body.flavors.map((f: { name: string }) => f.name)).toEqual(['m1.large', 'm1.xlarge']);
    const byRam = await h.call('GET', `${C}/flavors?sort_key=memory_mb&sort_dir=desc`, { token: demo });
    expect(byRam.body.flavors.map((f: { id: string }) => f.id)).toEqual(['5', '4', '3', '2', '1', '42']);
    const page1 = await h.call('GET', `${C}/flavors?sort_key=memory_mb&limit=2`, { token: demo });
    expect(page1.body.flavors.map((f: { id: string }) => f.id)).toEqual(['42', '1']);
    expect(page1.body.flavors_links[0].href).toBe(`${h.url}/compute/v2.1/flavors?sort_key=memory_mb&limit=2&marker=1`);
    const page2 = await h.call('GET', `${C}/flavors?sort_key=memory_mb&limit=2&marker=1`, { token: demo });
    expect(page2.body.flavors.map((f: { id: string }) => f.id)).toEqual(['2', '3']);
    for (const [q, field] of [['minRam=x', 'minRam'], ['sort_key=bogus', 'sort_key'], ['sort_dir=up', 'sort_dir'], ['limit=-1', 'limit'], ['is_public=maybe', 'is_public']]) {
      const res = await h.call('GET', `${C}/flavors?${q}`, { token: demo });
      expect(res.status, q).toBe(400);
      expect(res.body.badRequest.message, q).toContain(field);
    }
    expect((await h.call('GET', `${C}/flavors?marker=nope`, { token: demo })).status).toBe(400);
  });

  it('admin creates, describes and deletes; bad input is a 400 naming the field; duplicates 409', async () => {
    const created = await h.call('POST', `${C}/flavors`, {
      token: admin,
      headers: mv('2.55'),
      body: { flavor: { name: 'f1', vcpus: 1, ram: 256, disk: 1, description: 'small one', 'OS-FLV-EXT-DATA:ephemeral': 2, swap: 64 } },
    });
    expect(created.status).toBe(200);
    const id: string = created.body.flavor.id;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.body.flavor).toMatchObject({ name: 'f1', vcpus: 1, ram: 256, disk: 1, description: 'small one', swap: 64, 'OS-FLV-EXT-DATA:ephemeral': 2 });

    const updated = await h.call('PUT', `${C}/flavors/${id}`, { token: admin, headers: mv('2.55'), body: { flavor: { description: 'renamed' } } });
    expect(updated.status).toBe(200);
    expect(updated.body.flavor.description).toBe('renamed');

    const dupName = await h.call('POST', `${C}/flavors`, { token: admin, body: { flavor: { name: 'f1', vcpus: 1, ram: 256, disk: 1 } } });
    expect(dupName.status).toBe(409);
    expect(dupName.body.conflictingRequest.message).toContain('f1');
    const dupId = await h.call('POST', `${C}/flavors`, { token: admin, body: { flavor: { name: 'other', vcpus: 1, ram: 256, disk: 1, id: '1' } } });
    expect(dupId.status).toBe(409);

    for (const [flavor, field] of [
      [{ vcpus: 1, ram: 256, disk: 1 }, 'flavor.name'],
      [{ name: 'x', vcpus: 0, ram: 256, disk: 1 }, 'flavor.vcpus'],
      [{ name: 'x', vcpus: 1, ram: 'lots', disk: 1 }, 'flavor.ram'],
      [{ name: 'x', vcpus: 1, ram: 256, disk: -1 }, 'flavor.disk'],
      [{ name: 'x', vcpus: 1, ram: 256, disk: 1, id: ' bad' }, 'flavor.id'],
      [{ name: 'x', vcpus: 1, ram: 256, disk: 1, colour: 'red' }, 'flavor'],
    ] as const) {
      const res = await h.call('POST', `${C}/flavors`, { token: admin, body: { flavor } });
      expect(res.status, field).toBe(400);
      expect(res.body.badRequest.message, field).toContain(`'${field}`);
    }
    const old = await h.call('POST', `${C}/flavors`, { token: admin, body: { flavor: { name: 'y', vcpus: 1, ram: 1, disk: 1, description: 'd' } } });
    expect(old.status).toBe(400);

    expect((await h.call('POST', `${C}/flavors`, { token: demo, body: { flavor: { name: 'mine', vcpus: 1, ram: 256, disk: 1 } } })).status).toBe(403);
    expect((await h.call('DELETE', `${C}/flavors/${id}`, { token: demo })).status).toBe(403);
    expect((await h.call('DELETE', `${C}/flavors/${id}`, { token: admin })).status).toBe(202);
    expect((await h.call('GET', `${C}/flavors/${id}`, { token: admin })).status).toBe(404);
    expect((await h.call('DELETE', `${C}/flavors/${id}`, { token: admin })).status).toBe(404);
  });

  it('private flavors: seen by admins and projects on the access list only', async () => {
    const created = await h.call('POST', `${C}/flavors`, { token: admin, body: { flavor: { name: 'secret', id: 'secret-1', vcpus: 2, ram: 1024, disk: 5, 'os-flavor-access:is_public': false } } });
    expect(created.status).toBe(200);
    expect(created.body.flavor['os-flavor-access:is_public']).toBe(false);

    expect((await h.call('GET', `${C}/flavors/secret-1`, { token: demo })).status).toBe(404);
    const names = async (token: string, q = '') => (await h.call('GET', `${C}/flavors${q}`, { token })).body.flavors.map((f: { name: string }) => f.name);
    expect(await names(demo)).not.toContain('secret');
    expect(await names(admin)).not.toContain('secret');
    expect(await names(admin, '?is_public=false')).toEqual(['secret']);
    expect(await names(admin, '?is_public=none')).toContain('secret');

    expect((await h.call('GET', `${C}/flavors/secret-1/os-flavor-access`, { token: admin })).body).toEqual({ flavor_access: [] });
    const demoProject = h.seeded.projects.demo!;
    const add = await h.call('POST', `${C}/flavors/secret-1/action`, { token: admin, body: { addTenantAccess: { tenant: demoProject } } });
    expect(add.status).toBe(200);
    expect(add.body).toEqual({ flavor_access: [{ flavor_id: 'secret-1', tenant_id: demoProject }] });
    expect((await h.call('POST', `${C}/flavors/secret-1/action`, { token: admin, body: { addTenantAccess: { tenant: demoProject } } })).status).toBe(409);
    expect((await h.call('POST', `${C}/flavors/secret-1/action`, { token: demo, body: { addTenantAccess: { tenant: demoProject } } })).status).toBe(403);

    expect((await h.call('GET', `${C}/flavors/secret-1`, { token: demo })).status).toBe(200);
    expect(await names(demo)).toContain('secret');

    const remove = await h.call('POST', `${C}/flavors/secret-1/action`, { token: admin, body: { removeTenantAccess: { tenant: demoProject } } });
    expect(remove.body).toEqual({ flavor_access: [] });
    expect((await h.call('POST', `${C}/flavors/secret-1/action`, { token: admin, body: { removeTenantAccess: { tenant: demoProject } } })).status).toBe(404);
    expect((await h.call('GET', `${C}/flavors/secret-1`, { token: demo })).status).toBe(404);

    expect((await h.call('GET', `${C}/flavors/1/os-flavor-access`, { token: admin })).status).toBe(404);
    expect((await h.call('POST', `${C}/flavors/1/action`, { token: admin, body: { addTenantAccess: { tenant: demoProject } } })).status).toBe(409);
    const noTenant = await h.call('POST', `${C}/flavors/secret-1/action`, { token: admin, body: { addTenantAccess: {} } });
    expect(noTenant.status).toBe(400);
    expect(noTenant.body.badRequest.message).toContain('addTenantAccess.tenant');
    expect((await h.call('POST', `${C}/flavors/secret-1/action`, { token: admin, body: { explode: {} } })).status).toBe(400);
  });

  it('extra specs: admins write, everyone who sees the flavor reads', async () => {
    const set = await h.call('POST', `${C}/flavors/2/os-extra_specs`, { token: admin, body: { extra_specs: { 'hw:cpu_policy': 'dedicated', 'quota:disk_read_iops_sec': 100 } } });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ extra_specs: { 'hw:cpu_policy': 'dedicated', 'quota:disk_read_iops_sec': '100' } });
    expect((await h.call('GET', `${C}/flavors/2/os-extra_specs`, { token: demo })).body.extra_specs).toEqual({ 'hw:cpu_policy': 'dedicated', 'quota:disk_read_iops_sec': '100' });
    expect((await h.call('GET', `${C}/flavors/2/os-extra_specs/hw:cpu_policy`, { token: demo })).body).toEqual({ 'hw:cpu_policy': 'dedicated' });

    const put = await h.call('PUT', `${C}/flavors/2/os-extra_specs/hw:cpu_policy`, { token: admin, body: { 'hw:cpu_policy': 'shared' } });
    expect(put.body).toEqual({ 'hw:cpu_policy': 'shared' });
    expect((await h.call('PUT', `${C}/flavors/2/os-extra_specs/hw:cpu_policy`, { token: admin, body: { other: 'x' } })).status).toBe(400);
    expect((await h.call('GET', `${C}/flavors/2`, { token: demo, headers: mv('2.61') })).body.flavor.extra_specs).toEqual({ 'hw:cpu_policy': 'shared', 'quota:disk_read_iops_sec': '100' });

    expect((await h.call('POST', `${C}/flavors/2/os-extra_specs`, { token: demo, body: { extra_specs: { a: 'b' } } })).status).toBe(403);
    const badKey = await h.call('POST', `${C}/flavors/2/os-extra_specs`, { token: admin, body: { extra_specs: { 'bad/key': 'b' } } });
    expect(badKey.status).toBe(400);
    expect(badKey.body.badRequest.message).toContain('extra_specs');

    expect((await h.call('DELETE', `${C}/flavors/2/os-extra_specs/hw:cpu_policy`, { token: admin })).status).toBe(200);
    expect((await h.call('DELETE', `${C}/flavors/2/os-extra_specs/hw:cpu_policy`, { token: admin })).status).toBe(404);
    expect((await h.call('GET', `${C}/flavors/2/os-extra_specs/hw:cpu_policy`, { token: admin })).status).toBe(404);
    expect((await h.call('GET', `${C}/flavors/nope/os-extra_specs`, { token: admin })).status).toBe(404);
  });
});

describe('key pairs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nimbus-kp-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('generates a key whose private half is returned once, in OpenSSH format', async () => {
    const res = await h.call('POST', `${C}/os-keypairs`, { token: demo, headers: mv('2.10'), body: { keypair: { name: 'k1' } } });
    expect(res.status).toBe(201);
    expect(res.body.keypair).toMatchObject({ name: 'k1', type: 'ssh', user_id: h.seeded.users.demo! });
    expect(res.body.keypair.private_key).toMatch(/^-----BEGIN OPENSSH PRIVATE KEY-----/);
    expect(res.body.keypair.public_key).toMatch(/^ssh-ed25519 AAAA/);
    expect(res.body.keypair.fingerprint).toMatch(/^([0-9a-f]{2}:){15}[0-9a-f]{2}$/);

    const show = await h.call('GET', `${C}/os-keypairs/k1`, { token: demo, headers: mv('2.10') });
    expect(show.status).toBe(200);
    expect(show.body.keypair).toMatchObject({ name: 'k1', public_key: res.body.keypair.public_key, fingerprint: res.body.keypair.fingerprint, user_id: h.seeded.users.demo!, deleted: false, type: 'ssh' });
    expect(show.body.keypair).not.toHaveProperty('private_key');

    const old = await h.call('POST', `${C}/os-keypairs`, { token: demo, body: { keypair: { name: 'k-old' } } });
    expect(old.status).toBe(200);
    expect(old.body.keypair).not.toHaveProperty('type');
    expect((await h.call('DELETE', `${C}/os-keypairs/k-old`, { token: demo })).status).toBe(202);
  });

  it('imports ssh-ed25519 and ssh-rsa keys with the fingerprint ssh-keygen computes', async () => {
    for (const type of ['ed25519', 'rsa']) {
      const file = join(dir, `id_${type}`);
      execFileSync('ssh-keygen', ['-q', '-t', type, '-N', '', '-C', 'me@laptop', '-f', file]);
      const publicKey = readFileSync(`${file}.pub`, 'utf8');
      const expected = execFileSync('ssh-keygen', ['-l', '-E', 'md5', '-f', `${file}.pub`], { encoding: 'utf8' }).split(' ')[1]?.replace(/^MD5:/, '');
      const res = await h.call('POST', `${C}/os-keypairs`, { token: demo, headers: mv('2.2'), body: { keypair: { name: `imp-${type}`, public_key: publicKey } } });
      expect(res.status, type).toBe(201);
      expect(res.body.keypair.fingerprint).toBe(expected);
      expect(res.body.keypair.public_key).toBe(publicKey.trim());
      expect(res.body.keypair).not.toHaveProperty('private_key');
    }
  });

  it('imports x509 certificates (2.2) with their SHA-1 fingerprint; generating one is refused', async () => {
    const key = join(dir, 'cert.key');
    const cert = join(dir, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=nimbus', '-days', '1', '-keyout', key, '-out', cert], { stdio: 'ignore' });
    const expected = execFileSync('openssl', ['x509', '-noout', '-fingerprint', '-sha1', '-in', cert], { encoding: 'utf8' }).split('=')[1]?.trim().toLowerCase();
    const res = await h.call('POST', `${C}/os-keypairs`, { token: demo, headers: mv('2.2'), body: { keypair: { name: 'cert', type: 'x509', public_key: readFileSync(cert, 'utf8') } } });
    expect(res.status).toBe(201);
    expect(res.body.keypair).toMatchObject({ type: 'x509', fingerprint: expected });
    expect((await h.call('POST', `${C}/os-keypairs`, { token: demo, headers: mv('2.2'), body: { keypair: { name: 'gen', type: 'x509' } } })).status).toBe(400);
    expect((await h.call('DELETE', `${C}/os-keypairs/cert`, { token: demo, headers: mv('2.2') })).status).toBe(204);
  });

  it('refuses bad keys, unsafe names, duplicates and fields newer than the microversion', async () => {
    const bad = await h.call('POST', `${C}/os-keypairs`, { token: demo, body: { keypair: { name: 'x', public_key: 'ssh-ed25519 AAAAnotakey' } } });
    expect(bad.status).toBe(400);
    expect(bad.body.badRequest.message).toContain('Keypair data is invalid');
    expect((await h.call('POST', `${C}/os-keypairs`, { token: demo, body: { keypair: { name: 'bad/name' } } })).status).toBe(400);
    const noName = await h.call('POST', `${C}/os-keypairs`, { token: demo, body: { keypair: {} } });
    expect(noName.status).toBe(400);
    expect(noName.body.badRequest.message).toContain("'keypair.name'");
    const dup = await h.call('POST', `${C}/os-keypairs`, { token: demo, body: { keypair: { name: 'k1' } } });
    expect(dup.status).toBe(409);
    expect(dup.body.conflictingRequest.message).toBe("Key pair 'k1' already exists.");
    expect((await h.call('POST', `${C}/os-keypairs`, { token: demo, body: { keypair: { name: 'z', type: 'ssh' } } })).status).toBe(400);
  });

  it('are per user: others get 404; admins reach them with user_id (2.10); non-admins may not', async () => {
    const list = await h.call('GET', `${C}/os-keypairs`, { token: demo, headers: mv('2.2') });
    expect(list.body.keypairs.map((k: { keypair: { name: string } }) => k.keypair.name)).toEqual(['imp-ed25519', 'imp-rsa', 'k1']);
    expect(list.body.keypairs[0].keypair).toEqual({ name: 'imp-ed25519', public_key: expect.any(String), fingerprint: expect.any(String), type: 'ssh' });

    expect((await h.call('GET', `${C}/os-keypairs/k1`, { token: admin })).status).toBe(404);
    expect((await h.call('GET', `${C}/os-keypairs`, { token: admin })).body.keypairs).toEqual([]);
    const demoId = h.seeded.users.demo!;
    const asAdmin = await h.call('GET', `${C}/os-keypairs?user_id=${demoId}`, { token: admin, headers: mv('2.10') });
    expect(asAdmin.body.keypairs).toHaveLength(3);
    expect((await h.call('GET', `${C}/os-keypairs/k1?user_id=${demoId}`, { token: admin, headers: mv('2.10') })).status).toBe(200);
    const adminId = h.seeded.users.admin!;
    expect((await h.call('GET', `${C}/os-keypairs?user_id=${adminId}`, { token: demo, headers: mv('2.10') })).status).toBe(403);
    expect((await h.call('POST', `${C}/os-keypairs`, { token: demo, headers: mv('2.10'), body: { keypair: { name: 'theirs', user_id: adminId } } })).status).toBe(403);
    const forDemo = await h.call('POST', `${C}/os-keypairs`, { token: admin, headers: mv('2.10'), body: { keypair: { name: 'given', user_id: demoId } } });
    expect(forDemo.status).toBe(201);
    expect(forDemo.body.keypair.user_id).toBe(demoId);

    const page = await h.call('GET', `${C}/os-keypairs?limit=2`, { token: demo, headers: mv('2.35') });
    expect(page.body.keypairs.map((k: { keypair: { name: string } }) => k.keypair.name)).toEqual(['given', 'imp-ed25519']);
    expect(page.body.keypairs_links[0].href).toContain('marker=imp-ed25519');

    expect((await h.call('DELETE', `${C}/os-keypairs/k1`, { token: admin })).status).toBe(404);
    expect((await h.call('DELETE', `${C}/os-keypairs/k1`, { token: demo, headers: mv('2.2') })).status).toBe(204);
    expect((await h.call('GET', `${C}/os-keypairs/k1`, { token: demo })).status).toBe(404);
  });

  it('enforce the key_pairs quota exactly under concurrency', async () => {
    const projectId = h.seeded.projects.admin!;
    await h.rt.db.quotaLimit.create({ data: { projectId, resource: 'key_pairs', hardLimit: 3 } });
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => h.call('POST', `${C}/os-keypairs`, { token: admin, body: { keypair: { name: `q${i}`, public_key: execFileSync('ssh-keygen', ['-y', '-f', join(dir, 'id_ed25519')], { encoding: 'utf8' }) } } })),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(3);
    const refused = results.filter((r) => r.status !== 200);
    expect(refused.every((r) => r.status === 403 && /Quota exceeded/.test(r.body.forbidden.message))).toBe(true);
    await h.rt.db.quotaLimit.delete({ where: { projectId_resource: { projectId, resource: 'key_pairs' } } });
  });

  it('count generated and imported key pairs alike against the per-user quota, exactly under concurrency', async () => {
    const projectId = h.seeded.projects.demo!;
    const demoId = h.seeded.users.demo!;
    const owned = await h.rt.db.keyPair.count({ where: { userId: demoId } });
    await h.rt.db.quotaLimit.create({ data: { projectId, resource: 'key_pairs', hardLimit: owned + 4 } });
    const publicKey = execFileSync('ssh-keygen', ['-y', '-f', join(dir, 'id_ed25519')], { encoding: 'utf8' });
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        h.call('POST', `${C}/os-keypairs`, { token: demo, body: { keypair: i % 2 ? { name: `mix${i}`, public_key: publicKey } : { name: `mix${i}` } } }),
      ),
    );
    const accepted = results.filter((r) => r.status === 200);
    expect(accepted).toHaveLength(4);
    expect(results.filter((r) => r.status === 403 && r.body.forbidden.message === 'Quota exceeded, too many key pairs.')).toHaveLength(6);
    expect(await h.rt.db.keyPair.count({ where: { userId: demoId } })).toBe(owned + 4);
    // Full: neither path gets one more, and the usage says so.
    expect((await h.call('POST', `${C}/os-keypairs`, { token: demo, body: { keypair: { name: 'one-more' } } })).status).toBe(403);
    expect((await h.call('POST', `${C}/os-keypairs`, { token: demo, body: { keypair: { name: 'one-more', public_key: publicKey } } })).status).toBe(403);
    const detail = await h.call('GET', `/compute/v2.1/os-quota-sets/${projectId}/detail`, { token: demo });
    expect(detail.body.quota_set.key_pairs).toEqual({ limit: owned + 4, in_use: owned + 4, reserved: 0 });
    for (const r of accepted) await h.call('DELETE', `${C}/os-keypairs/${r.body.keypair.name}`, { token: demo });
    await h.rt.db.quotaLimit.delete({ where: { projectId_resource: { projectId, resource: 'key_pairs' } } });
  });
});

describe('hypervisors, services and availability zones', () => {
  let n1: string;
  let n2: string;
  beforeAll(async () => {
    n1 = newId();
    n2 = newId();
    await h.rt.db.computeNode.create({ data: { id: n1, name: 'cmp-1', hypervisorType: 'fake', hypervisorVersion: 1, vcpus: 8, memoryMb: 16384, localGb: 100, roles: ['compute'], hostIp: '10.0.0.1', lastSeenAt: new Date() } });
    await h.rt.db.computeNode.create({ data: { id: n2, name: 'cmp-2', hypervisorType: 'fake', vcpus: 4, memoryMb: 8192, localGb: 50, roles: ['compute'], availabilityZone: 'az2', state: 'down' } });
    const instanceId = newId();
    await h.rt.db.instance.create({
      data: { id: instanceId, name: 'vm1', projectId: h.seeded.projects.demo!, userId: h.seeded.users.demo!, flavorId: '1', vcpus: 1, memoryMb: 512, rootGb: 1, reservationId: 'r-1', nodeId: n1, vmState: 'active' },
    });
    await h.rt.db.allocation.create({ data: { instanceId, nodeId: n1, vcpus: 1, memoryMb: 512, diskGb: 1 } });
  });

  it('lists hypervisors with state and status; detail and show carry capacity and usage', async () => {
    const list = await h.call('GET', `${C}/os-hypervisors`, { token: admin });
    expect(list.status).toBe(200);
    expect(list.body.hypervisors).toEqual([
      { id: n1, hypervisor_hostname: 'cmp-1', state: 'up', status: 'enabled' },
      { id: n2, hypervisor_hostname: 'cmp-2', state: 'down', status: 'enabled' },
    ]);
    const detail = await h.call('GET', `${C}/os-hypervisors/detail`, { token: admin });
    expect(detail.body.hypervisors[0]).toMatchObject({
      vcpus: 8, vcpus_used: 1, memory_mb: 16384, memory_mb_used: 512, free_ram_mb: 15872, local_gb: 100, local_gb_used: 1, free_disk_gb: 99,
      running_vms: 1, hypervisor_type: 'fake', host_ip: '10.0.0.1', cpu_info: '{}', service: { host: 'cmp-1', id: n1, disabled_reason: null },
    });
    const show = await h.call('GET', `${C}/os-hypervisors/${n1}?with_servers=true`, { token: admin, headers: mv('2.53') });
    expect(show.body.hypervisor).toMatchObject({ id: n1, cpu_info: {}, servers: [{ uuid: expect.any(String), name: 'vm1' }] });
    expect((await h.call('GET', `${C}/os-hypervisors/nope`, { token: admin })).status).toBe(404);
    const stats = await h.call('GET', `${C}/os-hypervisors/statistics`, { token: admin });
    expect(stats.body.hypervisor_statistics).toMatchObject({ count: 2, vcpus: 12, vcpus_used: 1, memory_mb: 24576, memory_mb_used: 512, local_gb: 150, running_vms: 1 });
    const search = await h.call('GET', `${C}/os-hypervisors/cmp-2/search`, { token: admin });
    expect(search.body.hypervisors.map((x: { id: string }) => x.id)).toEqual([n2]);
    expect((await h.call('GET', `${C}/os-hypervisors/zzz/search`, { token: admin })).status).toBe(404);
    const page = await h.call('GET', `${C}/os-hypervisors?limit=1`, { token: admin, headers: mv('2.33') });
    expect(page.body.hypervisors).toHaveLength(1);
    expect(page.body.hypervisors_links[0].href).toContain(`marker=${n1}`);
    expect((await h.call('GET', `${C}/os-hypervisors/${n1}/uptime`, { token: admin })).status).toBe(501);
    expect((await h.call('GET', `${C}/os-aggregates`, { token: admin })).body).toEqual({ aggregates: [] });
    for (const path of ['', '/detail', `/${n1}`, '/statistics']) expect((await h.call('GET', `${C}/os-hypervisors${path}`, { token: demo })).status, path).toBe(403);
  });

  it('lists compute services and enables/disables them, by id (2.53) and by host (legacy)', async () => {
    const list = await h.call('GET', `${C}/os-services`, { token: admin, headers: mv('2.53') });
    expect(list.body.services).toEqual([
      expect.objectContaining({ id: n1, binary: 'nova-compute', host: 'cmp-1', zone: 'nova', status: 'enabled', state: 'up', disabled_reason: null, forced_down: false }),
      expect.objectContaining({ id: n2, host: 'cmp-2', zone: 'az2', state: 'down' }),
    ]);
    expect((await h.call('GET', `${C}/os-services?host=cmp-2`, { token: admin })).body.services).toHaveLength(1);
    expect((await h.call('GET', `${C}/os-services?binary=nova-scheduler`, { token: admin })).body.services).toEqual([]);

    const off = await h.call('PUT', `${C}/os-services/${n1}`, { token: admin, headers: mv('2.53'), body: { status: 'disabled', disabled_reason: 'maintenance' } });
    expect(off.status).toBe(200);
    expect(off.body.service).toMatchObject({ id: n1, status: 'disabled', disabled_reason: 'maintenance' });
    expect((await h.rt.db.computeNode.findUniqueOrThrow({ where: { id: n1 } })).enabled).toBe(false);
    const badStatus = await h.call('PUT', `${C}/os-services/${n1}`, { token: admin, headers: mv('2.53'), body: { status: 'sleepy' } });
    expect(badStatus.status).toBe(400);
    expect(badStatus.body.badRequest.message).toContain("'status'");
    const forced = await h.call('PUT', `${C}/os-services/${n1}`, { token: admin, headers: mv('2.53'), body: { forced_down: true } });
    expect(forced.status).toBe(400);
    expect(forced.body.badRequest.message).toContain("'forced_down'");
    expect((await h.call('PUT', `${C}/os-services/${n1}`, { token: admin, body: { status: 'enabled' } })).status).toBe(404);
    expect((await h.call('PUT', `${C}/os-services/nope`, { token: admin, headers: mv('2.53'), body: { status: 'enabled' } })).status).toBe(404);

    const on = await h.call('PUT', `${C}/os-services/enable`, { token: admin, body: { host: 'cmp-1', binary: 'nova-compute' } });
    expect(on.body).toEqual({ service: { host: 'cmp-1', binary: 'nova-compute', status: 'enabled' } });
    const reason = await h.call('PUT', `${C}/os-services/disable-log-reason`, { token: admin, body: { host: 'cmp-2', binary: 'nova-compute', disabled_reason: 'broken fan' } });
    expect(reason.body.service).toEqual({ host: 'cmp-2', binary: 'nova-compute', status: 'disabled', disabled_reason: 'broken fan' });
    expect((await h.call('PUT', `${C}/os-services/disable`, { token: admin, body: { host: 'nowhere', binary: 'nova-compute' } })).status).toBe(404);
    const noHost = await h.call('PUT', `${C}/os-services/disable`, { token: admin, body: { binary: 'nova-compute' } });
    expect(noHost.status).toBe(400);
    expect(noHost.body.badRequest.message).toContain("'host'");
    expect((await h.call('PUT', `${C}/os-services/disable`, { token: demo, body: { host: 'cmp-1', binary: 'nova-compute' } })).status).toBe(403);
    expect((await h.call('GET', `${C}/os-services`, { token: demo })).status).toBe(403);

    expect((await h.call('DELETE', `${C}/os-services/${n1}`, { token: admin })).status).toBe(409);
  });

  it('lists availability zones from the nodes; the detail names hosts (admins only)', async () => {
    const zones = await h.call('GET', `${C}/os-availability-zone`, { token: demo });
    expect(zones.status).toBe(200);
    // cmp-2 was disabled above: its zone has no enabled node left.
    expect(zones.body.availabilityZoneInfo).toEqual([
      { zoneName: 'az2', zoneState: { available: false }, hosts: null },
      { zoneName: 'nova', zoneState: { available: true }, hosts: null },
    ]);
    const detail = await h.call('GET', `${C}/os-availability-zone/detail`, { token: admin });
    expect(detail.body.availabilityZoneInfo[1].hosts).toEqual({ 'cmp-1': { 'nova-compute': { available: true, active: true, updated_at: expect.any(String) } } });
    expect((await h.call('GET', `${C}/os-availability-zone/detail`, { token: demo })).status).toBe(403);
  });

  it('deletes an idle compute service', async () => {
    expect((await h.call('DELETE', `${C}/os-services/${n2}`, { token: admin })).status).toBe(204);
    expect((await h.call('GET', `${C}/os-hypervisors/${n2}`, { token: admin })).status).toBe(404);
  });
});
