import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openrcEnv, openstack, openstackJson } from './openstack-cli';

// A real guest through the real client: the stack registers the tiny-linux test guest as the
// public image `tiny-linux` and its agent runs qemu, so the server boots and prints its marker,
// its hostname and its key's fingerprint (from the config drive) on the serial console.
const demo = openrcEnv('demo', 'demo', process.env.NIMBUS_DEMO_PASSWORD ?? 'demo');
const suffix = randomBytes(4).toString('hex');
const keyName = `rg-k-${suffix}`;
const serverName = `rg-vm-${suffix}`;

type Row = Record<string, unknown>;

let fingerprint: string;

beforeAll(async () => {
  const key = await openstack(demo, 'keypair', 'create', keyName);
  expect(key.code, key.stderr).toBe(0);
  fingerprint = String((await openstackJson<Row>(demo, 'keypair', 'show', keyName)).fingerprint);
});

afterAll(async () => {
  await openstack(demo, 'server', 'delete', '--wait', serverName);
  await openstack(demo, 'keypair', 'delete', keyName);
});

async function consoleLog(): Promise<string> {
  const log = await openstack(demo, 'console', 'log', 'show', serverName);
  expect(log.code, log.stderr).toBe(0);
  return log.stdout;
}

describe('a real guest through the openstack client', () => {
  it('server create --image tiny-linux --wait boots it ACTIVE', async () => {
    const server = await openstackJson<Row>(demo, 'server', 'create', '--image', 'tiny-linux', '--flavor', 'm1.nano', '--key-name', keyName, '--wait', serverName);
    expect(server).toMatchObject({ name: serverName, status: 'ACTIVE', key_name: keyName });
  }, 120_000);

  it('console log show prints its boot marker, hostname and key fingerprint', async () => {
    const want = ['NIMBUS_BOOT_OK', `ssh-key: ${keyName} ${fingerprint}`];
    const deadline = Date.now() + 60_000;
    let lines: string[] = [];
    while (Date.now() < deadline) {
      lines = (await consoleLog()).split(/\r?\n/).map((l) => l.trim());
      if (want.every((w) => lines.includes(w))) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    expect(lines).toEqual(expect.arrayContaining(want));
    expect(lines.some((l) => l.startsWith('hostname: ') && l.length > 'hostname: '.length)).toBe(true);
  }, 90_000);

  it('server delete --wait removes it', async () => {
    const deleted = await openstack(demo, 'server', 'delete', '--wait', serverName);
    expect(deleted.code, deleted.stderr).toBe(0);
    expect((await openstack(demo, 'server', 'show', serverName)).code).not.toBe(0);
  }, 120_000);
});
