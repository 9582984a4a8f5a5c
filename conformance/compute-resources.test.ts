import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openrcEnv, openstack, openstackJson } from './openstack-cli';

// Acceptance 1 of the compute issue, the resource part: flavors, key pairs, hypervisors, zones, services.
const admin = openrcEnv('admin', 'admin', process.env.NIMBUS_ADMIN_PASSWORD ?? 'admin');
const suffix = randomBytes(4).toString('hex');
const dir = mkdtempSync(join(tmpdir(), 'nimbus-conf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Row = Record<string, unknown>;

describe('openstack client against nimbus compute resources', () => {
  it('flavor list shows the seeded flavors', async () => {
    const flavors = await openstackJson<Row[]>(admin, 'flavor', 'list');
    const tiny = flavors.find((f) => f.Name === 'm1.tiny');
    expect(tiny).toMatchObject({ ID: '1', RAM: 512, Disk: 1, VCPUs: 1, 'Is Public': true });
    expect(flavors.map((f) => f.Name)).toEqual(expect.arrayContaining(['m1.nano', 'm1.small', 'm1.medium', 'm1.large', 'm1.xlarge']));
  });

  it('flavor create, show, set --property, delete', async () => {
    const name = `conf-f1-${suffix}`;
    const created = await openstackJson<Row>(admin, 'flavor', 'create', '--vcpus', '1', '--ram', '256', '--disk', '1', name);
    expect(created).toMatchObject({ name, vcpus: 1, ram: 256, disk: 1, 'os-flavor-access:is_public': true });
    const id = String(created.id);

    await expect(openstack(admin, 'flavor', 'set', '--property', 'hw:cpu_policy=shared', name)).resolves.toMatchObject({ code: 0 });
    const shown = await openstackJson<Row>(admin, 'flavor', 'show', name);
    expect(shown).toMatchObject({ id, name, ram: 256 });
    expect(JSON.stringify(shown.properties)).toContain('hw:cpu_policy');

    const deleted = await openstack(admin, 'flavor', 'delete', name);
    expect(deleted.code, deleted.stderr).toBe(0);
    const gone = await openstack(admin, 'flavor', 'show', id);
    expect(gone.code).not.toBe(0);
  });

  it('keypair create prints a private key; --public-key imports one; list, show, delete', async () => {
    const k1 = `conf-k1-${suffix}`;
    const generated = await openstack(admin, 'keypair', 'create', k1);
    expect(generated.code, generated.stderr).toBe(0);
    expect(generated.stdout).toContain('-----BEGIN OPENSSH PRIVATE KEY-----');

    const file = join(dir, 'id_ed25519');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'conformance', '-f', file]);
    const fingerprint = execFileSync('ssh-keygen', ['-l', '-E', 'md5', '-f', `${file}.pub`], { encoding: 'utf8' }).split(' ')[1]?.replace(/^MD5:/, '');
    const k2 = `conf-k2-${suffix}`;
    const imported = await openstackJson<Row>(admin, 'keypair', 'create', '--public-key', `${file}.pub`, k2);
    expect(imported).toMatchObject({ name: k2, fingerprint });

    const list = await openstackJson<Row[]>(admin, 'keypair', 'list');
    expect(list.map((k) => k.Name)).toEqual(expect.arrayContaining([k1, k2]));
    const shown = await openstackJson<Row>(admin, 'keypair', 'show', k2);
    expect(shown).toMatchObject({ name: k2, fingerprint });
    const publicKey = await openstack(admin, 'keypair', 'show', '--public-key', k2);
    expect(publicKey.stdout.trim()).toBe(readFileSync(`${file}.pub`, 'utf8').trim());

    const deleted = await openstack(admin, 'keypair', 'delete', k1, k2);
    expect(deleted.code, deleted.stderr).toBe(0);
    expect((await openstack(admin, 'keypair', 'show', k1)).code).not.toBe(0);
  });

  it('hypervisor list answers (empty until a node agent registers)', async () => {
    const hypervisors = await openstackJson<Row[]>(admin, 'hypervisor', 'list');
    expect(Array.isArray(hypervisors)).toBe(true);
    for (const h of hypervisors) expect(h).toMatchObject({ 'Hypervisor Hostname': expect.any(String), State: expect.stringMatching(/^(up|down)$/) });
    const first = hypervisors[0];
    if (first) {
      const shown = await openstackJson<Row>(admin, 'hypervisor', 'show', String(first.ID));
      expect(shown).toMatchObject({ hypervisor_hostname: first['Hypervisor Hostname'], aggregates: [] });
    }
  });

  it('availability zone list --compute and compute service list answer', async () => {
    const zones = await openstackJson<Row[]>(admin, 'availability', 'zone', 'list', '--compute');
    expect(Array.isArray(zones)).toBe(true);
    const services = await openstackJson<Row[]>(admin, 'compute', 'service', 'list');
    expect(Array.isArray(services)).toBe(true);
    for (const s of services) expect(s).toMatchObject({ Binary: 'nova-compute', Status: expect.stringMatching(/^(enabled|disabled)$/) });
  });
});
