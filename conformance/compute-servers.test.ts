import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openrcEnv, openstack, openstackJson } from './openstack-cli';

// Acceptance 1 of the compute issue, the server part: boot through the scheduler, the worker and a
// node agent (fake driver) to ACTIVE, power it off and on, read its console, its quotas, delete it.
const admin = openrcEnv('admin', 'admin', process.env.NIMBUS_ADMIN_PASSWORD ?? 'admin');
const suffix = randomBytes(4).toString('hex');
const dir = mkdtempSync(join(tmpdir(), 'nimbus-conf-servers-'));
const GUEST_IMAGE = 'tiny-linux';
let imageName = `conf-img-${suffix}`;
const keyName = `conf-k-${suffix}`;
const serverName = `conf-vm-${suffix}`;

type Row = Record<string, unknown>;

async function statusOf(name: string): Promise<string> {
  const shown = await openstackJson<Row>(admin, 'server', 'show', name);
  return String(shown.status);
}

/** Polls `server show` until the status is reached (the CLI's stop/start return at 202). */
async function waitForStatus(name: string, status: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    last = await statusOf(name);
    if (last === status) return;
    if (last === 'ERROR') break;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`server ${name} did not reach ${status} (last status ${last})`);
}

beforeAll(async () => {
  // A stack with real guests registers the tiny-linux guest: booting it gives a real console.
  // Without it (fake driver) any bytes do.
  if ((await openstack(admin, 'image', 'show', GUEST_IMAGE)).code === 0) {
    imageName = GUEST_IMAGE;
  } else {
    const file = join(dir, 'disk.raw');
    writeFileSync(file, randomBytes(256 * 1024));
    const image = await openstack(admin, 'image', 'create', '--disk-format', 'raw', '--container-format', 'bare', '--file', file, imageName);
    expect(image.code, image.stderr).toBe(0);
  }
  const key = await openstack(admin, 'keypair', 'create', keyName);
  expect(key.code, key.stderr).toBe(0);
});

afterAll(async () => {
  await openstack(admin, 'server', 'delete', '--wait', serverName);
  await openstack(admin, 'keypair', 'delete', keyName);
  if (imageName !== GUEST_IMAGE) await openstack(admin, 'image', 'delete', imageName);
  rmSync(dir, { recursive: true, force: true });
});

describe('openstack client against nimbus servers', () => {
  it('server create --wait boots to ACTIVE on a compute node', async () => {
    const server = await openstackJson<Row>(admin, 'server', 'create', '--flavor', 'm1.nano', '--image', imageName, '--key-name', keyName, '--wait', serverName);
    expect(server).toMatchObject({ name: serverName, status: 'ACTIVE', key_name: keyName, 'OS-EXT-STS:vm_state': 'active', 'OS-EXT-STS:power_state': 1 });
    expect(String(server.flavor)).toContain('m1.nano');
    expect(String(server.image)).toContain(imageName);
    expect(server['OS-EXT-SRV-ATTR:host']).toBeTruthy();
  });

  it('server list shows it ACTIVE with its image and flavor names', async () => {
    const list = await openstackJson<Row[]>(admin, 'server', 'list');
    expect(list.find((s) => s.Name === serverName)).toMatchObject({ Status: 'ACTIVE', Image: imageName, Flavor: 'm1.nano' });
  });

  it('server show by name', async () => {
    const shown = await openstackJson<Row>(admin, 'server', 'show', serverName);
    expect(shown).toMatchObject({ name: serverName, status: 'ACTIVE', 'OS-EXT-STS:task_state': null });
    expect(String(shown.id)).toMatch(/^[0-9a-f]{32}$/);
  });

  it('server stop reaches SHUTOFF, server start ACTIVE again', async () => {
    const stop = await openstack(admin, 'server', 'stop', serverName);
    expect(stop.code, stop.stderr).toBe(0);
    await waitForStatus(serverName, 'SHUTOFF');
    const refused = await openstack(admin, 'server', 'stop', serverName);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('while it is in vm_state stopped');
    const start = await openstack(admin, 'server', 'start', serverName);
    expect(start.code, start.stderr).toBe(0);
    await waitForStatus(serverName, 'ACTIVE');
  });

  it('console log show prints the guest console', async () => {
    // A real guest writes its console as it boots (again, after the start above): give it time.
    const deadline = Date.now() + 60_000;
    let log = await openstack(admin, 'console', 'log', 'show', '--lines', '20', serverName);
    // A node too busy to answer within the API's wait gives 503 (Nova's "did not return in time"):
    // the operator's next try is what counts, within the same minute.
    const transient = () => log.code !== 0 && log.stderr.includes('did not return the console output in time');
    while (((log.code === 0 && log.stdout.trim() === '') || transient()) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 1000));
      log = await openstack(admin, 'console', 'log', 'show', '--lines', '20', serverName);
    }
    expect(log.code, log.stderr).toBe(0);
    expect(log.stdout.trim().length).toBeGreaterThan(0);
  });

  it('quota show lists the compute quotas', async () => {
    const quota = await openstackJson<Row>(admin, 'quota', 'show');
    for (const key of ['instances', 'cores', 'ram', 'key-pairs', 'properties']) expect(typeof quota[key], key).toBe('number');
    const defaults = await openstackJson<Row>(admin, 'quota', 'show', '--default');
    expect(Number(defaults.instances)).toBeGreaterThan(0);
  });

  it('server delete --wait removes it', async () => {
    const deleted = await openstack(admin, 'server', 'delete', '--wait', serverName);
    expect(deleted.code, deleted.stderr).toBe(0);
    const gone = await openstack(admin, 'server', 'show', serverName);
    expect(gone.code).not.toBe(0);
    const list = await openstackJson<Row[]>(admin, 'server', 'list');
    expect(list.some((s) => s.Name === serverName)).toBe(false);
  });
});
