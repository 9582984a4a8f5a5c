import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRestHarness, type RestHarness } from '../test-harness';

let h: RestHarness;
let admin: string;
let demo: string;
let dataDir: string;
let demoProjectId: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'nimbus-images-'));
  h = await startRestHarness({ NIMBUS_DATA_DIR: dataDir });
  admin = await h.login('admin', 'admin');
  demo = await h.login('demo', 'demo');
  const me = await h.call('GET', '/identity/v3/auth/tokens', { token: demo, headers: { 'X-Subject-Token': demo } });
  demoProjectId = me.body.token.project.id;
});
afterAll(async () => {
  await h?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const V2 = '/image/v2';
const PATCH = { 'Content-Type': 'application/openstack-images-v2.1-json-patch' };

async function create(token: string, body: Record<string, unknown>) {
  const res = await h.call('POST', `${V2}/images`, { token, body: { disk_format: 'raw', container_format: 'bare', ...body } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

function upload(token: string, id: string, data: Buffer | ReadableStream<Uint8Array>, contentType = 'application/octet-stream', signal?: AbortSignal) {
  return fetch(`${h.url}${V2}/images/${id}/file`, {
    method: 'PUT',
    headers: { 'X-Auth-Token': token, 'Content-Type': contentType },
    body: data,
    signal,
    ...(data instanceof Buffer ? {} : { duplex: 'half' }),
  } as RequestInit);
}

function hashes(data: Buffer) {
  return { md5: createHash('md5').update(data).digest('hex'), sha512: createHash('sha512').update(data).digest('hex') };
}

describe('Glance v2 versions', () => {
  it('answers the versions document at /image (300) and /image/versions (200) without a token', async () => {
    const root = await h.call('GET', '/image');
    expect(root.status).toBe(300);
    expect(root.body.versions[0]).toEqual({ id: 'v2.16', status: 'CURRENT', links: [{ rel: 'self', href: `${h.url}/image/v2/` }] });
    const versions = await h.call('GET', '/image/versions');
    expect(versions.status).toBe(200);
    expect(versions.body.versions.map((v: { id: string }) => v.id)).toContain('v2.0');
    expect(versions.body.versions.filter((v: { status: string }) => v.status === 'CURRENT')).toHaveLength(1);
  });
});

describe('images: create, upload, download', () => {
  it('round-trips data with md5 and sha512, queued → active', async () => {
    const img = await create(demo, { name: 'round-trip', min_disk: 1, tags: ['a'], os_distro: 'cirros' });
    expect(img).toMatchObject({
      name: 'round-trip',
      status: 'queued',
      visibility: 'shared',
      protected: false,
      owner: demoProjectId,
      size: null,
      checksum: null,
      min_disk: 1,
      min_ram: 0,
      tags: ['a'],
      os_distro: 'cirros',
      self: `/v2/images/${img.id}`,
      file: `/v2/images/${img.id}/file`,
      schema: '/v2/schemas/image',
    });
    expect(img.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(img.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    // No data yet: Glance answers 204.
    expect((await fetch(`${h.url}${V2}/images/${img.id}/file`, { headers: { 'X-Auth-Token': demo } })).status).toBe(204);

    const data = randomBytes(100_000);
    const res = await upload(demo, img.id, data);
    expect(res.status).toBe(204);
    const shown = await h.call('GET', `${V2}/images/${img.id}`, { token: demo });
    const { md5, sha512 } = hashes(data);
    expect(shown.body).toMatchObject({ status: 'active', size: data.length, checksum: md5, os_hash_algo: 'sha512', os_hash_value: sha512 });

    const down = await fetch(`${h.url}${V2}/images/${img.id}/file`, { headers: { 'X-Auth-Token': demo } });
    expect(down.status).toBe(200);
    expect(down.headers.get('content-md5')).toBe(md5);
    expect(down.headers.get('content-length')).toBe(String(data.length));
    expect(down.headers.get('content-type')).toBe('application/octet-stream');
    expect(Buffer.from(await down.arrayBuffer()).equals(data)).toBe(true);

    // A second upload is an illegal transition.
    expect((await upload(demo, img.id, data)).status).toBe(409);
  });

  it('streams a multi-megabyte upload (chunked, no Content-Length) into the store', async () => {
    const img = await create(demo, { name: 'big' });
    const chunk = randomBytes(1024 * 1024);
    const total = 24;
    const md5 = createHash('md5');
    const sha = createHash('sha512');
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === total) return controller.close();
        const part = Buffer.from(chunk);
        part.writeUInt32BE(sent, 0);
        md5.update(part);
        sha.update(part);
        sent += 1;
        controller.enqueue(part);
      },
    });
    const res = await upload(demo, img.id, body);
    expect(res.status).toBe(204);
    const shown = await h.call('GET', `${V2}/images/${img.id}`, { token: demo });
    expect(shown.body).toMatchObject({ status: 'active', size: total * chunk.length, checksum: md5.digest('hex'), os_hash_value: sha.digest('hex') });
    const down = await fetch(`${h.url}${V2}/images/${img.id}/file`, { headers: { 'X-Auth-Token': demo } });
    const got = createHash('sha512');
    let size = 0;
    for await (const part of down.body as unknown as AsyncIterable<Uint8Array>) {
      got.update(part);
      size += part.length;
    }
    expect(size).toBe(total * chunk.length);
    expect(got.digest('hex')).toBe(shown.body.os_hash_value);
  });

  it('kills the image when the upload breaks off, and leaves no data behind', async () => {
    const img = await create(demo, { name: 'broken' });
    // Half the announced bytes, then the connection drops.
    await new Promise<void>((resolve) => {
      const req = request(`${h.url}${V2}/images/${img.id}/file`, {
        method: 'PUT',
        headers: { 'X-Auth-Token': demo, 'Content-Type': 'application/octet-stream', 'Content-Length': String(1024 * 1024) },
      });
      req.on('error', () => resolve());
      req.on('close', () => resolve());
      req.write(randomBytes(512 * 1024), () => setTimeout(() => req.destroy(), 200));
    });
    await expect.poll(async () => (await h.call('GET', `${V2}/images/${img.id}`, { token: demo })).body.status, { timeout: 10_000 }).toBe('killed');
    const files = await readdir(join(dataDir, 'images'));
    expect(files.filter((f) => f.includes(img.id))).toEqual([]);
  });

  it('refuses uploads without formats (400), with a wrong media type (415), to an invisible image (404)', async () => {
    const noFormats = await h.call('POST', `${V2}/images`, { token: demo, body: { name: 'no-formats' } });
    expect(noFormats.status).toBe(201);
    const res = await upload(demo, noFormats.body.id, Buffer.from('x'));
    expect(res.status).toBe(400);
    expect((await res.json()).message).toMatch(/disk_format, container_format must be set/);
    const img = await create(demo, { name: 'media' });
    expect((await upload(demo, img.id, Buffer.from('x'), 'application/json')).status).toBe(415);
    const mine = await create(admin, { name: 'admin-private', visibility: 'private' });
    expect((await upload(demo, mine.id, Buffer.from('x'))).status).toBe(404);
    expect((await h.call('GET', `${V2}/images/${img.id}`, { token: demo })).body.status).toBe('queued');
  });
});

describe('images: validation', () => {
  it('answers 400 naming the field, and creates nothing', async () => {
    const before = await h.rt.db.image.count();
    const cases: [Record<string, unknown>, string][] = [
      [{ name: 'x', disk_format: 'floppy' }, 'disk_format'],
      [{ name: 'x', container_format: 'zip' }, 'container_format'],
      [{ name: 'x', visibility: 'everyone' }, 'visibility'],
      [{ name: 'x', min_ram: -1 }, 'min_ram'],
      [{ name: 'x', min_disk: 'big' }, 'min_disk'],
      [{ name: 'x', protected: 'yes' }, 'protected'],
      [{ name: 'x', tags: ['a', 'a'] }, 'tags'],
      [{ name: 'x'.repeat(256) }, 'name'],
      [{ name: 'x', id: 'not-a-uuid' }, 'id'],
      [{ name: 'x', custom: 5 }, 'custom'],
    ];
    for (const [body, field] of cases) {
      const res = await h.call('POST', `${V2}/images`, { token: demo, body });
      expect(res.status, field).toBe(400);
      expect(res.body.message).toContain(`'${field}'`);
      expect(res.body).toMatchObject({ code: 400, title: 'Bad Request' });
    }
    const readOnly = await h.call('POST', `${V2}/images`, { token: demo, body: { name: 'x', status: 'active' } });
    expect(readOnly.status).toBe(403);
    expect(readOnly.body.message).toBe("Attribute 'status' is read-only.");
    expect((await h.call('POST', `${V2}/images`, { token: demo, body: '[1]' })).status).toBe(400);
    expect(await h.rt.db.image.count()).toBe(before);
  });

  it('accepts a caller-chosen id once (409 after)', async () => {
    const id = '2b8e3a3c-7f0c-4d5e-9b1a-3f2e1d0c9b8a';
    expect((await create(demo, { id, name: 'chosen' })).id).toBe(id);
    expect((await h.call('POST', `${V2}/images`, { token: demo, body: { id, name: 'again' } })).status).toBe(409);
  });
});

describe('images: list', () => {
  let ids: string[] = [];
  beforeAll(async () => {
    ids = [];
    for (const [i, name] of ['p-c', 'p-a', 'p-e', 'p-b', 'p-d'].entries()) {
      const img = await create(demo, { name, tags: i % 2 === 0 ? ['paging', 'even'] : ['paging'], disk_format: i === 0 ? 'qcow2' : 'raw', container_format: 'bare' });
      ids.push(img.id);
      if (i < 2) expect((await upload(demo, img.id, randomBytes(1000 * (i + 1)))).status).toBe(204);
    }
  });

  it('pages by marker and limit with a next link, newest first by default', async () => {
    const seen: string[] = [];
    let url = `${V2}/images?tag=paging&limit=2`;
    for (let page = 0; page < 5; page += 1) {
      const res = await h.call('GET', url, { token: demo });
      expect(res.status).toBe(200);
      expect(res.body.first).toBe('/v2/images');
      expect(res.body.schema).toBe('/v2/schemas/images');
      seen.push(...res.body.images.map((i: { id: string }) => i.id));
      if (!res.body.next) break;
      expect(res.body.next).toMatch(/^\/v2\/images\?/);
      url = `/image${res.body.next}`;
    }
    expect(seen).toEqual([...ids].reverse());
    expect((await h.call('GET', `${V2}/images?marker=00000000-0000-0000-0000-000000000000`, { token: demo })).status).toBe(400);
    expect((await h.call('GET', `${V2}/images?limit=-1`, { token: demo })).body.message).toContain("'limit'");
  });

  it('sorts by sort_key/sort_dir and by sort=key:dir', async () => {
    const names = (res: { body: { images: { name: string }[] } }) => res.body.images.map((i) => i.name);
    expect(names(await h.call('GET', `${V2}/images?tag=paging&sort_key=name&sort_dir=asc`, { token: demo }))).toEqual(['p-a', 'p-b', 'p-c', 'p-d', 'p-e']);
    expect(names(await h.call('GET', `${V2}/images?tag=paging&sort=name:desc`, { token: demo }))).toEqual(['p-e', 'p-d', 'p-c', 'p-b', 'p-a']);
    const paged = await h.call('GET', `${V2}/images?tag=paging&sort=name:asc&limit=3`, { token: demo });
    expect(names(paged)).toEqual(['p-a', 'p-b', 'p-c']);
    expect(names(await h.call('GET', `/image${paged.body.next}`, { token: demo }))).toEqual(['p-d', 'p-e']);
    const bad = await h.call('GET', `${V2}/images?sort_key=colour`, { token: demo });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain("'sort_key");
    expect((await h.call('GET', `${V2}/images?sort=name:asc&sort_key=name`, { token: demo })).status).toBe(400);
  });

  it('filters by name, status, tags, formats, size and owner', async () => {
    const q = async (query: string) => (await h.call('GET', `${V2}/images?tag=paging&${query}`, { token: demo })).body.images.map((i: { name: string }) => i.name).sort();
    expect(await q('name=p-a')).toEqual(['p-a']);
    expect(await q('name=in:p-a,p-b')).toEqual(['p-a', 'p-b']);
    expect(await q('status=active')).toEqual(['p-a', 'p-c']);
    expect(await q('status=queued')).toEqual(['p-b', 'p-d', 'p-e']);
    expect(await q('tag=even')).toEqual(['p-c', 'p-d', 'p-e']);
    expect(await q('disk_format=qcow2')).toEqual(['p-c']);
    expect(await q('container_format=bare')).toHaveLength(5);
    expect(await q('size_min=1500')).toEqual(['p-a']);
    expect(await q('size_max=1500')).toEqual(['p-c']);
    expect(await q(`owner=${demoProjectId}`)).toHaveLength(5);
    expect(await q('owner=someone-else')).toEqual([]);
    expect(await q('visibility=shared')).toHaveLength(5);
    expect(await q('visibility=private')).toEqual([]);
    expect((await h.call('GET', `${V2}/images?disk_format=floppy`, { token: demo })).status).toBe(400);
  });
});

describe('images: PATCH', () => {
  it('adds, replaces and removes properties and core fields', async () => {
    const img = await create(demo, { name: 'patch-me', hw_disk_bus: 'virtio' });
    const res = await h.call('PATCH', `${V2}/images/${img.id}`, {
      token: demo,
      headers: PATCH,
      body: [
        { op: 'replace', path: '/name', value: 'patched' },
        { op: 'add', path: '/os_distro', value: 'debian' },
        { op: 'remove', path: '/hw_disk_bus' },
        { op: 'replace', path: '/min_ram', value: 512 },
        { op: 'add', path: '/tags', value: ['x', 'y'] },
        { op: 'replace', path: '/protected', value: true },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ name: 'patched', os_distro: 'debian', min_ram: 512, tags: ['x', 'y'], protected: true });
    expect(res.body).not.toHaveProperty('hw_disk_bus');
  });

  it('refuses read-only (403), missing (409), invalid (400) and non-patch bodies (415), changing nothing', async () => {
    const img = await create(demo, { name: 'strict', os_distro: 'alpine' });
    const patch = (body: unknown, headers = PATCH) => h.call('PATCH', `${V2}/images/${img.id}`, { token: demo, headers, body });
    const readOnly = await patch([{ op: 'replace', path: '/name', value: 'changed' }, { op: 'replace', path: '/status', value: 'active' }]);
    expect(readOnly.status).toBe(403);
    expect(readOnly.body.message).toBe("Attribute 'status' is read-only.");
    expect((await patch([{ op: 'replace', path: '/id', value: 'x' }])).status).toBe(403);
    expect((await patch([{ op: 'remove', path: '/name' }])).status).toBe(403);
    expect((await patch([{ op: 'replace', path: '/nothing_here', value: 'v' }])).status).toBe(409);
    expect((await patch([{ op: 'remove', path: '/nothing_here' }])).status).toBe(409);
    const invalid = await patch([{ op: 'replace', path: '/name', value: 'changed' }, { op: 'replace', path: '/disk_format', value: 'floppy' }]);
    expect(invalid.status).toBe(400);
    expect(invalid.body.message).toContain("'disk_format'");
    const badOp = await patch([{ op: 'move', path: '/name', value: 'x' }]);
    expect(badOp.status).toBe(400);
    expect(badOp.body.message).toContain("'patch.0.op'");
    expect((await patch([{ op: 'replace', path: '/name', value: 'x' }], { 'Content-Type': 'application/json' })).status).toBe(415);
    const shown = await h.call('GET', `${V2}/images/${img.id}`, { token: demo });
    expect(shown.body).toMatchObject({ name: 'strict', os_distro: 'alpine', disk_format: 'raw' });
  });

  it('only an admin publicizes; formats change only while queued', async () => {
    const img = await create(demo, { name: 'pub' });
    const pub = await h.call('PATCH', `${V2}/images/${img.id}`, { token: demo, headers: PATCH, body: [{ op: 'replace', path: '/visibility', value: 'public' }] });
    expect(pub.status).toBe(403);
    expect((await h.call('POST', `${V2}/images`, { token: demo, body: { name: 'p', visibility: 'public' } })).status).toBe(403);
    const adminPub = await h.call('PATCH', `${V2}/images/${img.id}`, { token: admin, headers: PATCH, body: [{ op: 'replace', path: '/visibility', value: 'public' }] });
    expect(adminPub.body.visibility).toBe('public');
    expect((await upload(demo, img.id, Buffer.from('data'))).status).toBe(204);
    const fmt = await h.call('PATCH', `${V2}/images/${img.id}`, { token: demo, headers: PATCH, body: [{ op: 'replace', path: '/disk_format', value: 'qcow2' }] });
    expect(fmt.status).toBe(403);
  });
});

describe('images: delete, tags, actions', () => {
  it('refuses to delete a protected image (403), then deletes it with its data once unprotected', async () => {
    const img = await create(demo, { name: 'guarded', protected: true });
    expect((await upload(demo, img.id, Buffer.from('guarded data'))).status).toBe(204);
    const refused = await h.call('DELETE', `${V2}/images/${img.id}`, { token: demo });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toMatch(/is protected and cannot be deleted/);
    expect((await readdir(join(dataDir, 'images'))).includes(img.id)).toBe(true);
    await h.call('PATCH', `${V2}/images/${img.id}`, { token: demo, headers: PATCH, body: [{ op: 'replace', path: '/protected', value: false }] });
    expect((await h.call('DELETE', `${V2}/images/${img.id}`, { token: demo })).status).toBe(204);
    expect((await h.call('GET', `${V2}/images/${img.id}`, { token: demo })).status).toBe(404);
    expect((await readdir(join(dataDir, 'images'))).includes(img.id)).toBe(false);
  });

  it('adds and removes tags', async () => {
    const img = await create(demo, { name: 'tagged' });
    expect((await h.call('PUT', `${V2}/images/${img.id}/tags/blue`, { token: demo })).status).toBe(204);
    expect((await h.call('PUT', `${V2}/images/${img.id}/tags/blue`, { token: demo })).status).toBe(204);
    expect((await h.call('GET', `${V2}/images/${img.id}`, { token: demo })).body.tags).toEqual(['blue']);
    expect((await h.call('DELETE', `${V2}/images/${img.id}/tags/blue`, { token: demo })).status).toBe(204);
    expect((await h.call('DELETE', `${V2}/images/${img.id}/tags/blue`, { token: demo })).status).toBe(404);
  });

  it('deactivates (downloads refused for non-admins) and reactivates', async () => {
    const img = await create(demo, { name: 'deact', visibility: 'community' });
    expect((await h.call('POST', `${V2}/images/${img.id}/actions/deactivate`, { token: demo })).status).toBe(403);
    expect((await upload(demo, img.id, Buffer.from('bytes'))).status).toBe(204);
    expect((await h.call('POST', `${V2}/images/${img.id}/actions/deactivate`, { token: demo })).status).toBe(204);
    expect((await h.call('GET', `${V2}/images/${img.id}`, { token: demo })).body.status).toBe('deactivated');
    expect((await fetch(`${h.url}${V2}/images/${img.id}/file`, { headers: { 'X-Auth-Token': demo } })).status).toBe(403);
    expect((await fetch(`${h.url}${V2}/images/${img.id}/file`, { headers: { 'X-Auth-Token': admin } })).status).toBe(200);
    expect((await h.call('POST', `${V2}/images/${img.id}/actions/reactivate`, { token: demo })).status).toBe(204);
    expect((await fetch(`${h.url}${V2}/images/${img.id}/file`, { headers: { 'X-Auth-Token': demo } })).status).toBe(200);
  });
});

describe('images: visibility', () => {
  it("hides another project's private image (404 everywhere), shows public and community ones", async () => {
    const priv = await create(admin, { name: 'admin-only', visibility: 'private' });
    expect((await upload(admin, priv.id, Buffer.from('secret'))).status).toBe(204);
    expect((await h.call('GET', `${V2}/images/${priv.id}`, { token: demo })).status).toBe(404);
    expect((await fetch(`${h.url}${V2}/images/${priv.id}/file`, { headers: { 'X-Auth-Token': demo } })).status).toBe(404);
    expect((await h.call('DELETE', `${V2}/images/${priv.id}`, { token: demo })).status).toBe(404);
    expect((await h.call('PATCH', `${V2}/images/${priv.id}`, { token: demo, headers: PATCH, body: [{ op: 'replace', path: '/name', value: 'x' }] })).status).toBe(404);
    const list = await h.call('GET', `${V2}/images?limit=1000`, { token: demo });
    expect(list.body.images.map((i: { id: string }) => i.id)).not.toContain(priv.id);
    expect((await h.call('GET', `${V2}/images/${priv.id}`, { token: admin })).status).toBe(200);

    const pub = await create(admin, { name: 'for-everyone', visibility: 'public' });
    const community = await create(admin, { name: 'community-one', visibility: 'community' });
    expect((await h.call('GET', `${V2}/images/${pub.id}`, { token: demo })).status).toBe(200);
    expect((await h.call('GET', `${V2}/images/${community.id}`, { token: demo })).status).toBe(200);
    const listed = (await h.call('GET', `${V2}/images?limit=1000`, { token: demo })).body.images.map((i: { id: string }) => i.id);
    expect(listed).toContain(pub.id);
    expect(listed).not.toContain(community.id);
    const communityList = (await h.call('GET', `${V2}/images?visibility=community`, { token: demo })).body.images.map((i: { id: string }) => i.id);
    expect(communityList).toContain(community.id);
    // Visible is not writable.
    expect((await h.call('DELETE', `${V2}/images/${pub.id}`, { token: demo })).status).toBe(403);
    expect((await h.call('PATCH', `${V2}/images/${pub.id}`, { token: demo, headers: PATCH, body: [{ op: 'replace', path: '/name', value: 'x' }] })).status).toBe(403);
  });

  it('shares an image through members: pending is showable, listed once accepted', async () => {
    const img = await create(admin, { name: 'shared-with-demo' });
    const listedFor = async () => (await h.call('GET', `${V2}/images?limit=1000`, { token: demo })).body.images.map((i: { id: string }) => i.id);
    expect((await h.call('GET', `${V2}/images/${img.id}`, { token: demo })).status).toBe(404);
    const add = await h.call('POST', `${V2}/images/${img.id}/members`, { token: admin, body: { member: demoProjectId } });
    expect(add.status).toBe(200);
    expect(add.body).toMatchObject({ image_id: img.id, member_id: demoProjectId, status: 'pending', schema: '/v2/schemas/member' });
    expect((await h.call('POST', `${V2}/images/${img.id}/members`, { token: admin, body: { member: demoProjectId } })).status).toBe(409);
    expect((await h.call('GET', `${V2}/images/${img.id}`, { token: demo })).status).toBe(200);
    expect(await listedFor()).not.toContain(img.id);
    const pending = (await h.call('GET', `${V2}/images?member_status=pending`, { token: demo })).body.images.map((i: { id: string }) => i.id);
    expect(pending).toContain(img.id);

    expect((await h.call('PUT', `${V2}/images/${img.id}/members/${demoProjectId}`, { token: admin, body: { status: 'accepted' } })).status).toBe(403);
    const bad = await h.call('PUT', `${V2}/images/${img.id}/members/${demoProjectId}`, { token: demo, body: { status: 'maybe' } });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain("'status'");
    const ok = await h.call('PUT', `${V2}/images/${img.id}/members/${demoProjectId}`, { token: demo, body: { status: 'accepted' } });
    expect(ok.body.status).toBe('accepted');
    expect(await listedFor()).toContain(img.id);
    const members = await h.call('GET', `${V2}/images/${img.id}/members`, { token: demo });
    expect(members.body).toMatchObject({ members: [{ member_id: demoProjectId, status: 'accepted' }], schema: '/v2/schemas/members' });
    expect((await h.call('GET', `${V2}/images/${img.id}/members/${demoProjectId}`, { token: demo })).status).toBe(200);
    expect((await h.call('DELETE', `${V2}/images/${img.id}/members/${demoProjectId}`, { token: demo })).status).toBe(403);
    expect((await h.call('DELETE', `${V2}/images/${img.id}/members/${demoProjectId}`, { token: admin })).status).toBe(204);
    expect((await h.call('GET', `${V2}/images/${img.id}`, { token: demo })).status).toBe(404);

    const priv = await create(admin, { name: 'not-shareable', visibility: 'private' });
    expect((await h.call('POST', `${V2}/images/${priv.id}/members`, { token: admin, body: { member: demoProjectId } })).status).toBe(403);
  });

  it('requires a token (401 with the Glance error body)', async () => {
    const res = await h.call('GET', `${V2}/images`);
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: 401, title: 'Unauthorized' });
  });
});
