import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@nimbus/shared';
import { startRestHarness, type RestHarness } from '../test-harness';

let h: RestHarness;
let admin: string;
let demo: string;
let demoProject: string;
const G = '/compute/v2.1/os-server-groups';
const S = '/compute/v2.1/servers';
const mv = (v: string) => ({ 'OpenStack-API-Version': `compute ${v}` });
const ids = { flavor: 'sg-flavor', image: newId() };

beforeAll(async () => {
  h = await startRestHarness();
  const db = h.database.db;
  demoProject = h.seeded.projects.demo!;
  await db.flavor.create({ data: { id: ids.flavor, name: 'sg-small', vcpus: 1, ramMb: 128, diskGb: 1 } });
  await db.image.create({ data: { id: ids.image, name: 'sg-img', status: 'active', visibility: 'public', diskFormat: 'raw', containerFormat: 'bare' } });
  await db.keyPair.create({ data: { id: newId(), userId: h.seeded.users.demo!, name: 'sg-key', publicKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIsg sg', fingerprint: 'x' } });
  for (const projectId of [demoProject, h.seeded.projects.admin!]) {
    await db.quotaLimit.createMany({ data: ['instances', 'cores', 'ram'].map((resource) => ({ projectId, resource, hardLimit: -1 })) });
  }
  admin = await h.login('admin', 'admin');
  demo = await h.login('demo', 'demo');
});

afterAll(async () => {
  await h?.rt.jobs.close();
  await h?.close();
});

const create = (token: string, server_group: unknown, v = '2.1') => h.call('POST', G, { token, headers: mv(v), body: { server_group } });
const boot = (token: string, server: Record<string, unknown> = {}, hints?: Record<string, unknown>, v = '2.1') =>
  h.call('POST', S, { token, headers: mv(v), body: { server: { name: 'vm', flavorRef: ids.flavor, imageRef: ids.image, ...server }, ...(hints ? { 'os:scheduler_hints': hints } : {}) } });
const groupCount = () => h.database.db.serverGroup.count();

describe('os-server-groups', () => {
  it('creates with the shape of each microversion', async () => {
    const old = await create(demo, { name: 'g-old', policies: ['anti-affinity'] });
    expect(old.status).toBe(200);
    expect(old.body.server_group).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), name: 'g-old', policies: ['anti-affinity'], metadata: {}, members: [] });

    const v213 = await create(demo, { name: 'g-213', policies: ['affinity'] }, '2.13');
    expect(v213.body.server_group).toMatchObject({ policies: ['affinity'], project_id: demoProject, user_id: h.seeded.users.demo });

    const v264 = await create(demo, { name: 'g-264', policy: 'anti-affinity', rules: { max_server_per_host: '2' } }, '2.64');
    expect(v264.status).toBe(200);
    expect(v264.body.server_group).toEqual({ id: expect.any(String), name: 'g-264', policy: 'anti-affinity', rules: { max_server_per_host: 2 }, members: [], project_id: demoProject, user_id: h.seeded.users.demo });
    const shownOld = await h.call('GET', `${G}/${v264.body.server_group.id}`, { token: demo, headers: mv('2.63') });
    expect(shownOld.body.server_group).toMatchObject({ policies: ['anti-affinity'], metadata: {} });
    expect(shownOld.body.server_group).not.toHaveProperty('rules');

    const soft = await create(demo, { name: 'g-soft', policy: 'soft-affinity' }, '2.64');
    expect(soft.body.server_group).toMatchObject({ policy: 'soft-affinity', rules: {} });
    for (const id of [old, v213, v264, soft].map((r) => r.body.server_group.id as string)) expect((await h.call('DELETE', `${G}/${id}`, { token: demo })).status).toBe(204);
  });

  it('refuses bad bodies with 400 naming the field, creating nothing', async () => {
    const before = await groupCount();
    const cases: Array<[unknown, string, string | RegExp]> = [
      [{ policies: ['affinity'] }, '2.1', /server_group\.name.*'name' is a required property/],
      [{ name: 'x' }, '2.1', /server_group\.policies.*'policies' is a required property/],
      [{ name: 'x', policies: ['bogus'] }, '2.1', /server_group\.policies\.0\. "bogus" is not one of \['anti-affinity', 'affinity'\]/],
      [{ name: 'x', policies: ['soft-affinity'] }, '2.14', /server_group\.policies\.0/],
      [{ name: 'x', policies: ['affinity', 'anti-affinity'] }, '2.1', /must have exactly one item/],
      [{ name: 'x', policies: ['affinity'], policy: 'affinity' }, '2.63', /Additional properties are not allowed \('policy' was unexpected\)/],
      [{ name: 'x', policies: ['affinity'] }, '2.64', /server_group\.policy\. 'policy' is a required property/],
      [{ name: 'x', policy: 'affinity', policies: ['affinity'] }, '2.64', /Additional properties are not allowed \('policies' was unexpected\)/],
      [{ name: 'x', policy: 'affinity', rules: { max_server_per_host: 2 } }, '2.64', 'Only anti-affinity policy supports rules.'],
      [{ name: 'x', policy: 'anti-affinity', rules: { max_server_per_host: 0 } }, '2.64', /server_group\.rules\.max_server_per_host\. must be >= 1/],
      [{ name: 'x', policy: 'anti-affinity', rules: { other: 1 } }, '2.64', /server_group\.rules\. Additional properties/],
      [{ name: ' padded', policy: 'affinity' }, '2.64', /server_group\.name\. must not start or end with whitespace/],
      [{ name: '', policy: 'affinity' }, '2.64', /server_group\.name\. must not be empty/],
    ];
    for (const [body, v, message] of cases) {
      const res = await create(demo, body, v);
      expect(res.status, JSON.stringify(body)).toBe(400);
      if (typeof message === 'string') expect(res.body.badRequest.message).toBe(message);
      else expect(res.body.badRequest.message).toMatch(message);
    }
    expect((await h.call('POST', G, { token: demo, body: { nope: {} } })).status).toBe(400);
    expect(await groupCount()).toBe(before);
  });

  it('lists the own project, all projects for admins only, pages by limit and offset', async () => {
    const mine = [];
    for (const name of ['l1', 'l2', 'l3']) mine.push((await create(demo, { name, policies: ['affinity'] })).body.server_group.id as string);
    const theirs = (await create(admin, { name: 'l-admin', policies: ['affinity'] })).body.server_group.id as string;

    const list = await h.call('GET', G, { token: demo });
    expect(list.body.server_groups.map((g: { id: string }) => g.id)).toEqual(mine);
    const ignored = await h.call('GET', `${G}?all_projects=True`, { token: demo });
    expect(ignored.body.server_groups.map((g: { id: string }) => g.id)).toEqual(mine);
    const all = await h.call('GET', `${G}?all_projects`, { token: admin });
    expect(all.body.server_groups.map((g: { id: string }) => g.id)).toEqual(expect.arrayContaining([...mine, theirs]));
    expect((await h.call('GET', G, { token: admin })).body.server_groups.map((g: { id: string }) => g.id)).toEqual([theirs]);

    const page = await h.call('GET', `${G}?limit=1&offset=1`, { token: demo });
    expect(page.body.server_groups.map((g: { id: string }) => g.id)).toEqual([mine[1]]);
    const bad = await h.call('GET', `${G}?limit=-1`, { token: demo });
    expect(bad.status).toBe(400);
    expect(bad.body.badRequest.message).toBe("Invalid input for query parameters limit. Value: -1. '-1' does not match '^[0-9]*$'");
    expect((await h.call('GET', `${G}?foo=1`, { token: demo, headers: mv('2.74') })).status).toBe(200);
    const closed = await h.call('GET', `${G}?foo=1`, { token: demo, headers: mv('2.75') });
    expect(closed.status).toBe(400);
    expect(closed.body.badRequest.message).toMatch(/'foo' was unexpected/);

    for (const id of mine) await h.call('DELETE', `${G}/${id}`, { token: demo });
    await h.call('DELETE', `${G}/${theirs}`, { token: admin });
  });

  it("answers 404 for another project's group and for unknown ids; admins see every group", async () => {
    const theirs = (await create(admin, { name: 'hidden', policies: ['affinity'] })).body.server_group.id as string;
    for (const method of ['GET', 'DELETE']) {
      const res = await h.call(method, `${G}/${theirs}`, { token: demo });
      expect(res.status).toBe(404);
      expect(res.body.itemNotFound.message).toBe(`Instance group ${theirs} could not be found.`);
    }
    expect((await h.call('GET', `${G}/${newId()}`, { token: demo })).status).toBe(404);
    const mine = (await create(demo, { name: 'visible', policies: ['affinity'] })).body.server_group.id as string;
    expect((await h.call('GET', `${G}/${mine}`, { token: admin })).status).toBe(200);
    expect((await h.call('DELETE', `${G}/${mine}`, { token: admin })).status).toBe(204);
    expect((await h.call('DELETE', `${G}/${theirs}`, { token: admin })).status).toBe(204);
  });

  it("follows Nova's default policy: a reader lists and shows, only members create and delete", async () => {
    const user = await h.call('POST', '/identity/v3/users', { token: admin, body: { user: { name: 'sg-reader', password: 'sg-reader', domain_id: 'default' } } });
    await h.call('PUT', `/identity/v3/projects/${demoProject}/users/${user.body.user.id}/roles/${h.seeded.roles.reader}`, { token: admin });
    const reader = await h.login('sg-reader', 'demo');
    const group = (await create(demo, { name: 'readable', policies: ['affinity'] })).body.server_group.id as string;
    expect((await h.call('GET', G, { token: reader })).status).toBe(200);
    expect((await h.call('GET', `${G}/${group}`, { token: reader })).status).toBe(200);
    expect((await create(reader, { name: 'nope', policies: ['affinity'] })).status).toBe(403);
    expect((await h.call('DELETE', `${G}/${group}`, { token: reader })).status).toBe(403);
    expect((await h.call('DELETE', `${G}/${group}`, { token: demo })).status).toBe(204);
  });

  it('counts server_groups against the quota, exactly under concurrency, and reports usage', async () => {
    await h.database.db.quotaLimit.create({ data: { projectId: demoProject, resource: 'server_groups', hardLimit: 3 } });
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => create(demo, { name: `q${i}`, policies: ['anti-affinity'] })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(3);
    for (const r of results.filter((r) => r.status !== 200)) {
      expect(r.status).toBe(403);
      expect(r.body.forbidden.message).toBe('Quota exceeded, too many server groups.');
    }
    const limits = (await h.call('GET', '/compute/v2.1/limits', { token: demo })).body.limits.absolute;
    expect(limits).toMatchObject({ maxServerGroups: 3, maxServerGroupMembers: 10, totalServerGroupsUsed: 3 });
    const detail = (await h.call('GET', `/compute/v2.1/os-quota-sets/${demoProject}/detail`, { token: demo })).body.quota_set;
    expect(detail.server_groups).toEqual({ limit: 3, in_use: 3, reserved: 0 });
    expect(detail.server_group_members).toEqual({ limit: 10, in_use: 0, reserved: 0 });
    const below = await h.call('PUT', `/compute/v2.1/os-quota-sets/${demoProject}`, { token: admin, body: { quota_set: { server_groups: 2 } } });
    expect(below.status).toBe(400);
    const raised = await h.call('PUT', `/compute/v2.1/os-quota-sets/${demoProject}`, { token: admin, body: { quota_set: { server_groups: 5, server_group_members: 4 } } });
    expect(raised.body.quota_set).toMatchObject({ server_groups: 5, server_group_members: 4 });
    expect((await h.call('GET', `/compute/v2.1/os-quota-sets/${demoProject}`, { token: demo })).body.quota_set).toMatchObject({ server_groups: 5, server_group_members: 4 });
    for (const r of results.filter((r) => r.status === 200)) await h.call('DELETE', `${G}/${r.body.server_group.id}`, { token: demo });
    await h.database.db.quotaLimit.deleteMany({ where: { projectId: demoProject, resource: { in: ['server_groups', 'server_group_members'] } } });
  });
});

describe('servers in a group', () => {
  it('joins through the group hint; show (2.71) names the group; deleting the group keeps the servers', async () => {
    const group = (await create(demo, { name: 'web', policies: ['anti-affinity'] })).body.server_group.id as string;
    const res = await boot(demo, { name: 'member' }, { group });
    expect(res.status).toBe(202);
    const id = res.body.server.id as string;
    const legacy = await h.call('POST', S, { token: demo, body: { server: { name: 'legacy', flavorRef: ids.flavor, imageRef: ids.image }, 'OS-SCH-HNT:scheduler_hints': { group } } });
    expect(legacy.status).toBe(202);

    const shown = await h.call('GET', `${G}/${group}`, { token: demo });
    expect(shown.body.server_group.members).toEqual([id, legacy.body.server.id]);
    expect((await h.call('GET', `${S}/${id}`, { token: demo, headers: mv('2.71') })).body.server.server_groups).toEqual([group]);
    expect((await h.call('GET', `${S}/${id}`, { token: demo, headers: mv('2.70') })).body.server).not.toHaveProperty('server_groups');
    const detail = await h.call('GET', `${S}/detail`, { token: demo, headers: mv('2.71') });
    expect(detail.body.servers[0]).not.toHaveProperty('server_groups');

    expect((await h.call('DELETE', `${S}/${legacy.body.server.id}`, { token: demo })).status).toBe(204);
    expect((await h.call('GET', `${G}/${group}`, { token: demo })).body.server_group.members).toEqual([id]);

    expect((await h.call('DELETE', `${G}/${group}`, { token: demo })).status).toBe(204);
    expect(await h.database.db.serverGroupMember.count({ where: { groupId: group } })).toBe(0);
    const after = await h.call('GET', `${S}/${id}`, { token: demo, headers: mv('2.71') });
    expect(after.status).toBe(200);
    expect(after.body.server.server_groups).toEqual([]);
  });

  it('refuses a bad or invisible group hint with 400, creating nothing', async () => {
    const theirs = (await create(admin, { name: 'not-yours', policies: ['affinity'] })).body.server_group.id as string;
    const before = await h.database.db.instance.count();
    const notUuid = await boot(demo, {}, { group: 'nope' });
    expect(notUuid.status).toBe(400);
    expect(notUuid.body.badRequest.message).toBe("Invalid input for field/attribute os:scheduler_hints.group. Value: nope. 'nope' is not a 'uuid'");
    const hidden = await boot(demo, {}, { group: theirs });
    expect(hidden.status).toBe(400);
    expect(hidden.body.badRequest.message).toBe(`Instance group ${theirs} could not be found.`);
    expect((await h.call('POST', S, { token: demo, body: { server: { name: 'x', flavorRef: ids.flavor, imageRef: ids.image }, 'os:scheduler_hints': 'group' } })).status).toBe(400);
    expect(await h.database.db.instance.count()).toBe(before);
    await h.call('DELETE', `${G}/${theirs}`, { token: admin });
  });

  it('checks server_group_members: a multi-create over it is refused; concurrent creates accept exactly the room', async () => {
    await h.database.db.quotaLimit.create({ data: { projectId: demoProject, resource: 'server_group_members', hardLimit: 3 } });
    const group = (await create(demo, { name: 'small', policies: ['affinity'] })).body.server_group.id as string;
    const tooMany = await boot(demo, { min_count: 4 }, { group });
    expect(tooMany.status).toBe(403);
    expect(tooMany.body.forbidden.message).toBe('Quota exceeded, too many servers in group');
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => boot(demo, { name: `race-${i}` }, { group })));
    expect(results.filter((r) => r.status === 202)).toHaveLength(3);
    expect(results.filter((r) => r.status === 403)).toHaveLength(3);
    expect(await h.database.db.serverGroupMember.count({ where: { groupId: group } })).toBe(3);
    await h.database.db.quotaLimit.deleteMany({ where: { projectId: demoProject, resource: 'server_group_members' } });
    await h.call('DELETE', `${G}/${group}`, { token: demo });
  });
});

describe('launch_index, hostname and key_data', () => {
  it('multi-create numbers the instances from 0, derives Nova hostnames and copies the public key', async () => {
    const res = await h.call('POST', S, {
      token: demo,
      body: { server: { name: 'Web Server', flavorRef: ids.flavor, imageRef: ids.image, key_name: 'sg-key', min_count: 3, return_reservation_id: true } },
    });
    expect(res.status).toBe(202);
    const rows = await h.database.db.instance.findMany({ where: { reservationId: res.body.reservation_id }, orderBy: { launchIndex: 'asc' } });
    expect(rows.map((r) => [r.name, r.launchIndex, r.hostname])).toEqual([
      ['Web Server-1', 0, 'web-server-1'],
      ['Web Server-2', 1, 'web-server-2'],
      ['Web Server-3', 2, 'web-server-3'],
    ]);
    expect(rows.every((r) => r.keyData === 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIsg sg')).toBe(true);

    const asAdmin = await h.call('GET', `${S}/${rows[2]!.id}`, { token: admin, headers: mv('2.3') });
    expect(asAdmin.body.server).toMatchObject({ 'OS-EXT-SRV-ATTR:launch_index': 2, 'OS-EXT-SRV-ATTR:hostname': 'web-server-3' });
    const before23 = await h.call('GET', `${S}/${rows[2]!.id}`, { token: admin, headers: mv('2.2') });
    expect(before23.body.server).not.toHaveProperty('OS-EXT-SRV-ATTR:launch_index');
    const asMember = await h.call('GET', `${S}/${rows[2]!.id}`, { token: demo, headers: mv('2.3') });
    expect(asMember.body.server).not.toHaveProperty('OS-EXT-SRV-ATTR:hostname');

    const single = await boot(demo, { name: 'Solo_Box.local' });
    const solo = await h.database.db.instance.findUniqueOrThrow({ where: { id: single.body.server.id } });
    expect(solo).toMatchObject({ launchIndex: 0, hostname: 'solo-box-local', keyData: null });
  });
});
