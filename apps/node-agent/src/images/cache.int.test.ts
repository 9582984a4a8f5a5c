import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRestHarness, type RestHarness } from '../../../web/src/server/rest/test-harness';
import { ImageCache, ImageFetchError } from './cache.js';
import { ServiceToken } from './service-token.js';

let h: RestHarness;
let demo: string;
let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'nimbus-image-cache-'));
  h = await startRestHarness({ NIMBUS_DATA_DIR: join(root, 'controller') });
  demo = await h.login('demo', 'demo');
});
afterAll(async () => {
  await h?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

/** A private image of project demo, uploaded through the API. */
async function image(data: Buffer): Promise<string> {
  const res = await h.call('POST', '/image/v2/images', { token: demo, body: { name: 'cached', disk_format: 'raw', container_format: 'bare', visibility: 'private' } });
  const id: string = res.body.id;
  const up = await fetch(`${h.url}/image/v2/images/${id}/file`, { method: 'PUT', headers: { 'X-Auth-Token': demo, 'Content-Type': 'application/octet-stream' }, body: new Uint8Array(data) });
  expect(up.status).toBe(204);
  return id;
}

function cache(dir: string, opts: { maxBytes?: number; fetch?: typeof fetch } = {}) {
  const token = new ServiceToken({ identityUrl: `${h.url}/identity`, username: 'nova', password: 'service', project: 'service' });
  return new ImageCache({ dir: join(root, dir), maxBytes: opts.maxBytes ?? 1 << 30, imageUrl: `${h.url}/image`, token, ...(opts.fetch ? { fetch: opts.fetch } : {}) });
}

/** fetch that counts image data downloads and can tamper with them. */
function counting(tamper = false) {
  const calls = { downloads: 0 };
  const wrapped: typeof fetch = async (input, init) => {
    const res = await fetch(input, init);
    if (!String(input).endsWith('/file')) return res;
    calls.downloads += 1;
    if (!tamper) return res;
    const body = Buffer.from(await res.arrayBuffer());
    body[0] = (body[0] ?? 0) ^ 0xff;
    return new Response(body, { status: res.status, headers: res.headers });
  };
  return { calls, fetch: wrapped };
}

describe('node image cache', () => {
  it('downloads as the nova service user, verifies sha512, and serves hits locally', async () => {
    const data = randomBytes(2 * 1024 * 1024 + 3);
    const id = await image(data);
    const { calls, fetch: f } = counting();
    const c = cache('hits', { fetch: f });
    const [first, second] = await Promise.all([c.fetchImage(id), c.fetchImage(id)]);
    expect(first).toEqual({ path: join(root, 'hits', id), diskFormat: 'raw' });
    const a = first.path;
    expect(second.path).toBe(a);
    expect(calls.downloads).toBe(1);
    expect((await readFile(a)).equals(data)).toBe(true);
    expect(JSON.parse(await readFile(`${a}.json`, 'utf8'))).toEqual({ sha512: createHash('sha512').update(data).digest('hex'), size: data.length });
    expect((await c.fetchImage(id)).path).toBe(a);
    expect(calls.downloads).toBe(1);
    // A fresh cache object over the same directory trusts the verified file too (agent restart).
    const again = counting();
    expect((await cache('hits', { fetch: again.fetch }).fetchImage(id)).path).toBe(a);
    expect(again.calls.downloads).toBe(0);
  });

  it('refuses data that does not match the recorded sha512 and caches nothing', async () => {
    const id = await image(randomBytes(4096));
    const { fetch: f } = counting(true);
    await expect(cache('tampered', { fetch: f }).fetchImage(id)).rejects.toBeInstanceOf(ImageFetchError);
    expect(await readdir(join(root, 'tampered'))).toEqual([]);
  });

  it('keeps under its size bound by evicting the least recently used image', async () => {
    const ids = [await image(randomBytes(1000)), await image(randomBytes(1000)), await image(randomBytes(1000))];
    const c = cache('lru', { maxBytes: 2500 });
    await c.fetchImage(ids[0]!);
    await new Promise((r) => setTimeout(r, 20));
    await c.fetchImage(ids[1]!);
    await new Promise((r) => setTimeout(r, 20));
    await c.fetchImage(ids[0]!); // touch: ids[1] is now the oldest
    await new Promise((r) => setTimeout(r, 20));
    await c.fetchImage(ids[2]!);
    const files = (await readdir(join(root, 'lru'))).filter((n) => !n.endsWith('.json')).sort();
    expect(files).toEqual([ids[0], ids[2]].sort());
  });

  it('never evicts an image an instance is built on until that instance unpins it', async () => {
    const ids = [await image(randomBytes(1000)), await image(randomBytes(1000)), await image(randomBytes(1000))];
    const c = cache('pins', { maxBytes: 1500 });
    await c.fetchImage(ids[0]!, 'instance-a');
    await new Promise((r) => setTimeout(r, 20));
    await c.fetchImage(ids[1]!);
    const cached = async () => (await readdir(join(root, 'pins'))).filter((n) => !n.endsWith('.json') && !n.startsWith('.')).sort();
    // Over the bound with two images: the unpinned newer one is the only candidate left, and it is the one just fetched.
    expect(await cached()).toEqual([ids[0], ids[1]].sort());
    await new Promise((r) => setTimeout(r, 20));
    await c.fetchImage(ids[2]!);
    expect(await cached()).toEqual([ids[0], ids[2]].sort());
    await c.unpin('instance-a');
    await c.unpin('instance-a');
    await c.fetchImage(ids[1]!);
    expect(await cached()).toEqual([ids[1]]);
    await expect(c.fetchImage(ids[1]!, '../x')).rejects.toThrow(/invalid pin holder/);
  });

  it('re-authenticates once on a 401, and fails clearly for a missing image', async () => {
    const id = await image(randomBytes(100));
    let first = true;
    const f: typeof fetch = async (input, init) => {
      if (first && String(input).includes('/image/')) {
        first = false;
        return fetch(input, { ...init, headers: { 'X-Auth-Token': 'revoked' } });
      }
      return fetch(input, init);
    };
    expect((await cache('reauth', { fetch: f }).fetchImage(id)).path).toBe(join(root, 'reauth', id));
    await expect(cache('reauth').fetchImage('00000000-0000-0000-0000-000000000000')).rejects.toThrow(/HTTP 404/);
    await expect(cache('reauth').fetchImage('../etc/passwd')).rejects.toThrow(/invalid image id/);
  });
});
