/**
 * Registers the tiny-linux test guest in the image service as the public image `tiny-linux`
 * (what `openstack server create --image tiny-linux` boots), through the Glance REST API as admin.
 * Idempotent: an active `tiny-linux` with the file's sha512 is kept as is. A different one (an
 * older build) is renamed `tiny-linux-<hash prefix>`, so the name stays unambiguous while
 * instances built on it keep their image; half-registered leftovers are deleted.
 *
 *   tsx scripts/register-guest-image.ts <image.qcow2>
 *
 * Environment: NIMBUS_PUBLIC_URL (default http://127.0.0.1:$PORT, PORT default 3000),
 * NIMBUS_ADMIN_PASSWORD (default admin).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

const NAME = 'tiny-linux';

interface Image {
  id: string;
  name: string;
  status: string;
  os_hash_value: string | null;
}

function fail(message: string): never {
  process.stderr.write(`register-guest-image: ${message}\n`);
  process.exit(1);
}

const file = process.argv[2] ?? fail('usage: register-guest-image.ts <image.qcow2>');
const base = (process.env.NIMBUS_PUBLIC_URL ?? `http://127.0.0.1:${process.env.PORT ?? '3000'}`).replace(/\/+$/, '');
const size = (await stat(file).catch(() => fail(`${file}: no such file`))).size;

async function adminToken(): Promise<string> {
  const res = await fetch(`${base}/identity/v3/auth/tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      auth: {
        identity: { methods: ['password'], password: { user: { name: 'admin', domain: { id: 'default' }, password: process.env.NIMBUS_ADMIN_PASSWORD ?? 'admin' } } },
        scope: { project: { name: 'admin', domain: { id: 'default' } } },
      },
    }),
  });
  const token = res.headers.get('x-subject-token');
  if (res.status !== 201 || !token) fail(`admin could not log in at ${base}/identity: HTTP ${res.status}`);
  return token;
}

const token = await adminToken();

async function glance(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<Response> {
  const res = await fetch(`${base}/image${path}`, {
    method,
    headers: { 'X-Auth-Token': token, ...(body !== undefined ? { 'Content-Type': contentType } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (res.status >= 400) fail(`${method} /image${path}: HTTP ${res.status} ${await res.text()}`);
  return res;
}

async function sha512(path: string): Promise<string> {
  const hash = createHash('sha512');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

const [hash, listed] = await Promise.all([sha512(file), glance('GET', `/v2/images?name=${NAME}&limit=1000`)]);
const existing = ((await listed.json()) as { images: Image[] }).images;

const current = existing.find((i) => i.status === 'active' && i.os_hash_value === hash);
for (const other of existing) if (other !== current) await retire(other);
if (current) {
  process.stdout.write(`${NAME} is registered and current: ${current.id}\n`);
  process.exit(0);
}

const created = (await (
  await glance('POST', '/v2/images', {
    name: NAME,
    disk_format: 'qcow2',
    container_format: 'bare',
    visibility: 'public',
    min_ram: 128,
    hw_disk_bus: 'virtio',
    os_distro: 'tiny-linux',
  })
).json()) as Image;
const upload = await fetch(`${base}/image/v2/images/${created.id}/file`, {
  method: 'PUT',
  headers: { 'X-Auth-Token': token, 'Content-Type': 'application/octet-stream', 'Content-Length': String(size) },
  body: Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>,
  duplex: 'half',
} as RequestInit);
if (upload.status !== 204) {
  await glance('DELETE', `/v2/images/${created.id}`);
  fail(`upload of ${file}: HTTP ${upload.status} ${await upload.text()}`);
}
const image = (await (await glance('GET', `/v2/images/${created.id}`)).json()) as Image;
if (image.status !== 'active' || image.os_hash_value !== hash) fail(`${NAME} (${image.id}) is ${image.status} with another hash after upload`);
process.stdout.write(`${NAME} registered: ${image.id} (${size} bytes)\n`);

/** An active older build is renamed (instances may run on it); anything unfinished is deleted. */
async function retire(img: Image): Promise<void> {
  if (img.status === 'active' && img.os_hash_value) {
    const name = `${NAME}-${img.os_hash_value.slice(0, 12)}`;
    await glance('PATCH', `/v2/images/${img.id}`, [{ op: 'replace', path: '/name', value: name }], 'application/openstack-images-v2.1-json-patch');
    process.stdout.write(`older ${NAME} ${img.id} renamed ${name}\n`);
  } else {
    await glance('DELETE', `/v2/images/${img.id}`);
    process.stdout.write(`unfinished ${NAME} ${img.id} (${img.status}) deleted\n`);
  }
}
