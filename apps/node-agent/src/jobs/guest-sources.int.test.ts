import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@nimbus/shared';
import type { InstanceActionJob } from '@nimbus/shared/queues';
import { startRestHarness, type RestHarness } from '../../../web/src/server/rest/test-harness';
import type { InstanceSpec } from '../drivers/compute/driver.js';
import { fakeConfigFromEnv } from '../drivers/compute/fake/config.js';
import { FakeComputeDriver } from '../drivers/compute/fake/fake-driver.js';
import { ImageCache } from '../images/cache.js';
import { ServiceToken } from '../images/service-token.js';
import { ServiceImageUploader } from '../images/uploader.js';
import { MetadataClient } from '../metadata/client.js';
import { destroyGuest, spawnGuest, type GuestSources } from './guest-sources.js';

/** The fake's bookkeeping, but presenting itself as a real driver: it records the specs it is handed. */
class RecordingDriver extends FakeComputeDriver {
  override readonly fake = false as unknown as true;
  readonly specs: InstanceSpec[] = [];
  override async spawn(spec: InstanceSpec): Promise<void> {
    this.specs.push(spec);
    return super.spawn(spec);
  }
}

let h: RestHarness;
let demo: string;
let root: string;
let token: ServiceToken;
let sources: GuestSources;
let cacheDir: string;
const data = randomBytes(300_000);
let imageId: string;
let publicKey: string;

async function upload(bytes: Buffer, diskFormat = 'raw'): Promise<string> {
  const res = await h.call('POST', '/image/v2/images', { token: demo, body: { name: 'img', disk_format: diskFormat, container_format: 'bare' } });
  const up = await fetch(`${h.url}/image/v2/images/${res.body.id}/file`, { method: 'PUT', headers: { 'X-Auth-Token': demo, 'Content-Type': 'application/octet-stream' }, body: new Uint8Array(bytes) });
  expect(up.status).toBe(204);
  return res.body.id as string;
}

async function server(image: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await h.call('POST', '/compute/v2.1/servers', { token: demo, body: { server: { name: 'guest-one', flavorRef: 'f-src', imageRef: image, ...extra } } });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  return res.body.server.id as string;
}

const spawnJob = (instanceId: string, image?: string): InstanceActionJob => ({
  instanceId,
  step: 'spawn',
  requestId: 'req-1',
  attempt: 1,
  flavor: { vcpus: 1, memoryMb: 128, rootGb: 1 },
  name: 'guest-one',
  ...(image ? { imageId: image } : {}),
});

const realDriver = () => new RecordingDriver(fakeConfigFromEnv({ FAKE_SPAWN_DELAY_MS: '0', FAKE_STEP_DELAY_MS: '0' }), 'n1');

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'nimbus-guest-sources-'));
  h = await startRestHarness({ NIMBUS_DATA_DIR: join(root, 'controller') });
  await h.database.db.flavor.create({ data: { id: 'f-src', name: 'src', vcpus: 1, ramMb: 128, diskGb: 1 } });
  demo = await h.login('demo', 'demo');
  const kp = await h.call('POST', '/compute/v2.1/os-keypairs', { token: demo, body: { keypair: { name: 'k1' } } });
  publicKey = kp.body.keypair.public_key;
  imageId = await upload(data, 'qcow2');
  token = new ServiceToken({ identityUrl: `${h.url}/identity`, username: 'nova', password: 'service', project: 'service' });
  cacheDir = join(root, 'cache');
  sources = {
    images: new ImageCache({ dir: cacheDir, maxBytes: 1 << 30, imageUrl: `${h.url}/image`, token }),
    metadata: new MetadataClient({ metadataUrl: `${h.url}/metadata`, token }),
  };
});

afterAll(async () => {
  await h?.rt.jobs.close();
  await h?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('what a real driver spawns from', () => {
  it("gets the image's verified copy with its disk format, and the instance's config drive data", async () => {
    const id = await server(imageId, { key_name: 'k1', user_data: Buffer.from('#!/bin/sh\necho hi\n').toString('base64') });
    const driver = realDriver();
    await spawnGuest(driver, sources, spawnJob(id, imageId));
    const spec = driver.specs[0]!;
    expect(spec).toMatchObject({ id, name: 'guest-one', memoryMb: 128, imageId, imageDiskFormat: 'qcow2', imagePath: join(cacheDir, imageId) });
    expect(createHash('sha512').update(await readFile(spec.imagePath!)).digest('hex')).toBe(createHash('sha512').update(data).digest('hex'));
    expect(spec.configDrive?.metaData).toMatchObject({ uuid: id, name: 'guest-one', public_keys: { k1: publicKey } });
    expect(spec.configDrive?.userData).toBe('#!/bin/sh\necho hi\n');
    // The image is pinned for the instance until it is destroyed.
    expect(await readFile(join(cacheDir, '.pins', id), 'utf8')).toBe(imageId);
    await destroyGuest(driver, sources, id);
    expect(await readdir(join(cacheDir, '.pins'))).not.toContain(id);
  });

  it('the fake driver spawns with ids and sizes only: nothing is downloaded', async () => {
    const driver = new FakeComputeDriver(fakeConfigFromEnv({ FAKE_SPAWN_DELAY_MS: '0' }), 'n1');
    const none: GuestSources = {
      images: { fetchImage: () => Promise.reject(new Error('must not fetch')), unpin: () => Promise.reject(new Error('must not unpin')) },
      metadata: { configDrive: () => Promise.reject(new Error('must not fetch')) },
    };
    await spawnGuest(driver, none, spawnJob('fake-1', imageId));
    await destroyGuest(driver, none, 'fake-1');
  });

  it('fails the spawn with a clear fault, and leaves no pin, when the image is gone or killed', async () => {
    const gone = await upload(randomBytes(1000));
    const id = await server(gone);
    expect((await h.call('DELETE', `/image/v2/images/${gone}`, { token: demo })).status).toBe(204);
    const driver = realDriver();
    await expect(spawnGuest(driver, sources, spawnJob(id, gone))).rejects.toThrow(new RegExp(`^image ${gone} could not be fetched: GET /v2/images/${gone}: HTTP 404`));
    expect(driver.specs).toEqual([]);
    expect(await readdir(join(cacheDir, '.pins'))).not.toContain(id);

    const killed = await upload(randomBytes(1000));
    const other = await server(killed);
    const admin = await h.login('admin', 'admin');
    expect((await h.call('POST', `/image/v2/images/${killed}/actions/deactivate`, { token: admin })).status).toBe(204);
    await expect(spawnGuest(driver, sources, spawnJob(other, killed))).rejects.toThrow(/could not be fetched: .*(deactivated|HTTP 403)/);
    await expect(spawnGuest(driver, sources, spawnJob(other))).rejects.toThrow(/needs an image/);
  });

  it('fails with a clear fault when the metadata service is unreachable or does not know the instance', async () => {
    const id = await server(imageId);
    const unreachable: GuestSources = { ...sources, metadata: new MetadataClient({ metadataUrl: 'http://127.0.0.1:9/metadata', token }) };
    await expect(spawnGuest(realDriver(), unreachable, spawnJob(id, imageId))).rejects.toThrow(/^the config drive data could not be fetched: the metadata service is unreachable at http:\/\/127\.0\.0\.1:9\/metadata/);
    expect(await readdir(join(cacheDir, '.pins'))).not.toContain(id);
    const unknown = newId();
    await expect(spawnGuest(realDriver(), sources, spawnJob(unknown, imageId))).rejects.toThrow(`does not know instance ${unknown}`);
  });
});

describe('snapshot upload', () => {
  it('streams a file into a queued image as the nova service user; the image turns active with its hash', async () => {
    const created = await h.call('POST', '/image/v2/images', { token: demo, body: { name: 'snap', disk_format: 'qcow2', container_format: 'bare' } });
    const target = created.body.id as string;
    const file = join(root, 'snapshot.qcow2');
    const bytes = randomBytes(3 * 1024 * 1024 + 17);
    await writeFile(file, bytes);
    await new ServiceImageUploader({ imageUrl: `${h.url}/image`, token }).upload(target, file);
    const img = await h.call('GET', `/image/v2/images/${target}`, { token: demo });
    expect(img.body).toMatchObject({ status: 'active', size: bytes.length, os_hash_value: createHash('sha512').update(bytes).digest('hex') });
    // Uploading into an image that already has data is refused, and said so.
    await expect(new ServiceImageUploader({ imageUrl: `${h.url}/image`, token }).upload(target, file)).rejects.toThrow(/upload of image .* failed: HTTP 409/);
  });
});
