import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openrcEnv, openstack, openstackJson } from './openstack-cli';

// Acceptance 1 of the compute issue, image part: what an operator types, through Debian's client.
const admin = openrcEnv('admin', 'admin', process.env.NIMBUS_ADMIN_PASSWORD ?? 'admin');
const demo = openrcEnv('demo', 'demo', process.env.NIMBUS_DEMO_PASSWORD ?? 'demo');
const suffix = randomBytes(4).toString('hex');
const name = `conf-image-${suffix}`;
const privateName = `conf-private-${suffix}`;

type Row = Record<string, unknown>;

let dir: string;
let data: Buffer;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nimbus-conf-image-'));
  data = randomBytes(3 * 1024 * 1024 + 17);
  await writeFile(join(dir, 'disk.raw'), data);
});
afterAll(async () => {
  await openstack(admin, 'image', 'set', '--unprotected', name);
  await openstack(admin, 'image', 'delete', name, privateName);
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('openstack client against nimbus images', () => {
  it('image create --disk-format raw --container-format bare --file uploads and activates', async () => {
    const created = await openstackJson<Row>(admin, 'image', 'create', '--disk-format', 'raw', '--container-format', 'bare', '--file', join(dir, 'disk.raw'), name);
    expect(created.name).toBe(name);
    expect(created.disk_format).toBe('raw');
    expect(created.container_format).toBe('bare');
    const shown = await openstackJson<Row>(admin, 'image', 'show', name);
    expect(shown).toMatchObject({ name, status: 'active', size: data.length, checksum: createHash('md5').update(data).digest('hex') });
    expect((shown.properties as Row).os_hash_algo).toBe('sha512');
    expect((shown.properties as Row).os_hash_value).toBe(createHash('sha512').update(data).digest('hex'));
  });

  it('image list shows it', async () => {
    const images = await openstackJson<Row[]>(admin, 'image', 'list');
    expect(images).toEqual(expect.arrayContaining([expect.objectContaining({ Name: name, Status: 'active' })]));
  });

  it('image set --property, then image show', async () => {
    const set = await openstack(admin, 'image', 'set', '--property', 'os_distro=cirros', '--property', 'hw_disk_bus=virtio', '--min-ram', '64', name);
    expect(set.stderr).toBe('');
    expect(set.code).toBe(0);
    const shown = await openstackJson<Row>(admin, 'image', 'show', name);
    expect(shown.min_ram).toBe(64);
    expect(shown.properties).toMatchObject({ os_distro: 'cirros', hw_disk_bus: 'virtio' });
  });

  it('image save downloads the same bytes', async () => {
    const out = join(dir, 'saved.raw');
    const saved = await openstack(admin, 'image', 'save', '--file', out, name);
    expect(saved.code).toBe(0);
    expect((await readFile(out)).equals(data)).toBe(true);
  });

  it("another project cannot see an admin's private image", async () => {
    // Always --file: without it the client reads image data from a non-terminal stdin.
    await openstackJson<Row>(admin, 'image', 'create', '--disk-format', 'raw', '--container-format', 'bare', '--private', '--file', join(dir, 'disk.raw'), privateName);
    const seen = await openstackJson<Row[]>(demo, 'image', 'list');
    expect(seen.map((i) => i.Name)).not.toContain(privateName);
    const show = await openstack(demo, 'image', 'show', privateName);
    expect(show.code).not.toBe(0);
  });

  it('image delete refuses a protected image, then deletes', async () => {
    expect((await openstack(admin, 'image', 'set', '--protected', name)).code).toBe(0);
    const refused = await openstack(admin, 'image', 'delete', name);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/protected/);
    expect((await openstack(admin, 'image', 'set', '--unprotected', name)).code).toBe(0);
    const deleted = await openstack(admin, 'image', 'delete', name);
    expect(deleted.code).toBe(0);
    const images = await openstackJson<Row[]>(admin, 'image', 'list');
    expect(images.map((i) => i.Name)).not.toContain(name);
  });
});
