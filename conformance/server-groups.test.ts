import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openrcEnv, openstack, openstackJson } from './openstack-cli';

// Server groups through the real openstack client: create with a policy, list, show, boot into a
// group with --hint, the anti-affinity filter refusing a second member on the stack's one compute
// node (explained in the fault), delete (the servers stay).
const admin = openrcEnv('admin', 'admin', process.env.NIMBUS_ADMIN_PASSWORD ?? 'admin');
const suffix = randomBytes(4).toString('hex');
const dir = mkdtempSync(join(tmpdir(), 'nimbus-conf-groups-'));
const imageName = `conf-sg-img-${suffix}`;
const groupName = `conf-sg-${suffix}`;
const first = `conf-sg-a-${suffix}`;
const second = `conf-sg-b-${suffix}`;
let groupId = '';

type Row = Record<string, unknown>;

/** The CLI prints list-valued fields as text; this reads them back as ids whatever the format. */
function ids(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return String(value ?? '').split(/[\s,]+/).filter(Boolean);
}

async function statusOf(name: string): Promise<Row> {
  return openstackJson<Row>(admin, 'server', 'show', name);
}

/** Polls `server show` until the server leaves BUILD. */
async function settled(name: string, timeoutMs = 90_000): Promise<Row> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const shown = await statusOf(name);
    if (shown.status !== 'BUILD' || Date.now() > deadline) return shown;
    await new Promise((r) => setTimeout(r, 500));
  }
}

beforeAll(async () => {
  const file = join(dir, 'disk.raw');
  writeFileSync(file, randomBytes(256 * 1024));
  const image = await openstack(admin, 'image', 'create', '--disk-format', 'raw', '--container-format', 'bare', '--file', file, imageName);
  expect(image.code, image.stderr).toBe(0);
});

afterAll(async () => {
  await openstack(admin, 'server', 'delete', '--wait', first, second);
  if (groupId) await openstack(admin, 'server', 'group', 'delete', groupId);
  await openstack(admin, 'image', 'delete', imageName);
  rmSync(dir, { recursive: true, force: true });
});

describe('openstack client against nimbus server groups', () => {
  it('server group create --policy anti-affinity, list, show', async () => {
    const created = await openstackJson<Row>(admin, 'server', 'group', 'create', '--policy', 'anti-affinity', groupName);
    expect(created.name).toBe(groupName);
    expect(JSON.stringify(created)).toContain('anti-affinity');
    groupId = String(created.id);
    expect(groupId).toMatch(/^[0-9a-f-]{36}$/);

    const list = await openstackJson<Row[]>(admin, 'server', 'group', 'list');
    const row = list.find((g) => g.ID === groupId);
    expect(row).toMatchObject({ Name: groupName });
    expect(JSON.stringify(row)).toContain('anti-affinity');

    const shown = await openstackJson<Row>(admin, 'server', 'group', 'show', groupName);
    expect(shown).toMatchObject({ id: groupId, name: groupName });
    expect(ids(shown.members)).toEqual([]);
  });

  it('refuses a bad rule with the field named, and shows an unknown group as not found', async () => {
    const bad = await openstack(admin, 'server', 'group', 'create', '--os-compute-api-version', '2.64', '--policy', 'anti-affinity', '--rule', 'max_server_per_host=0', `bad-${suffix}`);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/max_server_per_host/);
    const missing = await openstack(admin, 'server', 'group', 'show', `no-such-group-${suffix}`);
    expect(missing.code).not.toBe(0);
  });

  it('server create --hint group=<id> joins the group; a second member finds no host apart from the first', async () => {
    const server = await openstackJson<Row>(admin, 'server', 'create', '--flavor', 'm1.nano', '--image', imageName, '--hint', `group=${groupId}`, '--wait', first);
    expect(server).toMatchObject({ name: first, status: 'ACTIVE' });
    const members = ids((await openstackJson<Row>(admin, 'server', 'group', 'show', groupId)).members);
    expect(members).toEqual([String(server.id)]);

    // The stack has one compute node, which already holds a member of this anti-affinity group.
    const again = await openstack(admin, 'server', 'create', '--flavor', 'm1.nano', '--image', imageName, '--hint', `group=${groupId}`, second);
    expect(again.code, again.stderr).toBe(0);
    const refused = await settled(second);
    expect(refused.status).toBe('ERROR');
    expect(JSON.stringify(refused.fault)).toContain(`ServerGroupAntiAffinityFilter: 1 host, already host a member of group ${groupId}`);
  });

  it('shows the group quotas', async () => {
    const quota = await openstackJson<Row>(admin, 'quota', 'show');
    expect(quota).toMatchObject({ 'server-groups': expect.any(Number), 'server-group-members': expect.any(Number) });
  });

  it('server group delete removes the group, not its servers', async () => {
    const deleted = await openstack(admin, 'server', 'group', 'delete', groupId);
    expect(deleted.code, deleted.stderr).toBe(0);
    expect((await openstack(admin, 'server', 'group', 'show', groupId)).code).not.toBe(0);
    groupId = '';
    expect((await statusOf(first)).status).toBe('ACTIVE');
  });
});
