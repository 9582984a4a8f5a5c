import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRestHarness, type RestHarness } from '../../test-harness';

let h: RestHarness;
let admin: string;
let demo: string;
beforeAll(async () => {
  h = await startRestHarness({ TOKEN_EXPIRATION: '3600' });
  admin = await h.login('admin', 'admin', 'admin');
  demo = await h.login('demo', 'demo', 'demo');
});
afterAll(async () => {
  await h?.close();
});

const V3 = '/identity/v3';

describe('the openstack CLI flows over HTTP', () => {
  it('project create/list, user create --project, role add, role assignment list --names', async () => {
    const p = await h.call('POST', `${V3}/projects`, { token: admin, body: { project: { name: 'cli-p', domain_id: 'default', description: 'd', enabled: true } } });
    expect(p.status).toBe(201);
    expect(p.body.project).toMatchObject({ name: 'cli-p', domain_id: 'default', parent_id: 'default', is_domain: false, tags: [], options: {} });
    expect(p.body.project.links.self).toBe(`${h.url}/identity/v3/projects/${p.body.project.id}`);
    const projectId: string = p.body.project.id;

    const list = await h.call('GET', `${V3}/projects?name=cli-p`, { token: admin });
    expect(list.status).toBe(200);
    expect(list.body.projects.map((x: { id: string }) => x.id)).toEqual([projectId]);
    expect(list.body.links).toEqual({ self: `${h.url}/identity/v3/projects?name=cli-p`, previous: null, next: null });

    const u = await h.call('POST', `${V3}/users`, {
      token: admin,
      body: { user: { name: 'cli-u', password: 'pw', default_project_id: projectId, domain_id: 'default', enabled: true } },
    });
    expect(u.status).toBe(201);
    expect(u.body.user).toMatchObject({ name: 'cli-u', default_project_id: projectId, domain_id: 'default', enabled: true, password_expires_at: null });
    expect(u.body.user).not.toHaveProperty('password');
    const userId: string = u.body.user.id;

    const roles = await h.call('GET', `${V3}/roles?name=member`, { token: admin });
    const memberId: string = roles.body.roles[0].id;
    const add = await h.call('PUT', `${V3}/projects/${projectId}/users/${userId}/roles/${memberId}`, { token: admin });
    expect(add.status).toBe(204);
    expect((await h.call('HEAD', `${V3}/projects/${projectId}/users/${userId}/roles/${memberId}`, { token: admin })).status).toBe(204);

    const ra = await h.call('GET', `${V3}/role_assignments?scope.project.id=${projectId}&include_names=True`, { token: admin });
    expect(ra.status).toBe(200);
    expect(ra.body.role_assignments).toEqual([
      {
        links: { assignment: `${h.url}/identity/v3/projects/${projectId}/users/${userId}/roles/${memberId}` },
        role: { id: memberId, name: 'member' },
        scope: { project: { domain: { id: 'default', name: 'Default' }, id: projectId, name: 'cli-p' } },
        user: { domain: { id: 'default', name: 'Default' }, id: userId, name: 'cli-u' },
      },
    ]);

    // The new user can now log in to the project; losing the role kills that token at once.
    const token = await h.login('cli-u', 'cli-p', 'pw');
    expect((await h.call('GET', `${V3}/projects/${projectId}`, { token })).status).toBe(200);
    expect((await h.call('DELETE', `${V3}/projects/${projectId}/users/${userId}/roles/${memberId}`, { token: admin })).status).toBe(204);
    expect((await h.call('GET', `${V3}/projects/${projectId}`, { token })).status).toBe(401);
  });

  it('application credential create (secret once), and auth with it', async () => {
    const me = await h.call('GET', `${V3}/auth/tokens`, { token: demo, headers: { 'X-Subject-Token': demo } });
    const userId: string = me.body.token.user.id;
    const c = await h.call('POST', `${V3}/users/${userId}/application_credentials`, { token: demo, body: { application_credential: { name: 'cli-ac' } } });
    expect(c.status).toBe(201);
    expect(c.body.application_credential).toMatchObject({ name: 'cli-ac', unrestricted: false, expires_at: null, access_rules: [] });
    const { id, secret } = c.body.application_credential as { id: string; secret: string };
    expect(secret).toHaveLength(64);
    const shown = await h.call('GET', `${V3}/users/${userId}/application_credentials/${id}`, { token: demo });
    expect(shown.status).toBe(200);
    expect(shown.body.application_credential).not.toHaveProperty('secret');

    const auth = await h.call('POST', `${V3}/auth/tokens`, {
      body: { auth: { identity: { methods: ['application_credential'], application_credential: { id, secret } } } },
    });
    expect(auth.status).toBe(201);
    expect(auth.body.token.application_credential).toMatchObject({ id, name: 'cli-ac' });
  });

  it('service list and endpoint list', async () => {
    const services = await h.call('GET', `${V3}/services`, { token: admin });
    expect(services.status).toBe(200);
    expect(services.body.services.map((s: { type: string }) => s.type)).toEqual(expect.arrayContaining(['identity', 'compute', 'network', 'image']));
    const endpoints = await h.call('GET', `${V3}/endpoints?interface=public`, { token: admin });
    expect(endpoints.status).toBe(200);
    expect(endpoints.body.endpoints.every((e: { interface: string }) => e.interface === 'public')).toBe(true);
    const bad = await h.call('GET', `${V3}/endpoints?interface=sideways`, { token: admin });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 400, title: 'Bad Request' });
    expect(bad.body.error.message).toContain("'interface'");
  });
});

describe('project tags', () => {
  it('adds, lists, checks, replaces and removes tags', async () => {
    const p = await h.call('POST', `${V3}/projects`, { token: admin, body: { project: { name: 'tagged', tags: ['a'] } } });
    const base = `${V3}/projects/${p.body.project.id}/tags`;
    expect((await h.call('PUT', `${base}/b`, { token: admin })).status).toBe(201);
    expect((await h.call('GET', base, { token: admin })).body).toEqual({ tags: ['a', 'b'] });
    expect((await h.call('GET', `${base}/b`, { token: admin })).status).toBe(204);
    expect((await h.call('PUT', base, { token: admin, body: { tags: ['x', 'y/z'] } })).status).toBe(400);
    expect((await h.call('PUT', base, { token: admin, body: { tags: ['x'] } })).body).toEqual({ tags: ['x'] });
    expect((await h.call('DELETE', `${base}/a`, { token: admin })).status).toBe(404);
    expect((await h.call('DELETE', `${base}/x`, { token: admin })).status).toBe(204);
    expect((await h.call('GET', `${V3}/projects?tags=x`, { token: admin })).body.projects).toEqual([]);
  });
});

describe('project hierarchy', () => {
  it('shows parents and subtree as lists and as ids', async () => {
    const create = async (name: string, parent?: string) =>
      (await h.call('POST', `${V3}/projects`, { token: admin, body: { project: { name, ...(parent ? { parent_id: parent } : {}) } } })).body.project.id as string;
    const top = await create('h-top');
    const mid = await create('h-mid', top);
    const leaf = await create('h-leaf', mid);
    const up = await h.call('GET', `${V3}/projects/${leaf}?parents_as_list`, { token: admin });
    expect(up.body.project.parents.map((p: { project: { id: string } }) => p.project.id)).toEqual([mid, top]);
    const ids = await h.call('GET', `${V3}/projects/${mid}?parents_as_ids&subtree_as_ids`, { token: admin });
    expect(ids.body.project.parents).toEqual({ [top]: { default: null } });
    expect(ids.body.project.subtree).toEqual({ [leaf]: null });
    const down = await h.call('GET', `${V3}/projects/${top}?subtree_as_list`, { token: admin });
    expect(down.body.project.subtree.map((p: { project: { name: string } }) => p.project.name)).toEqual(['h-mid', 'h-leaf']);
  });
});

describe('bad input and isolation over HTTP', () => {
  it('answers Keystone error bodies and changes nothing', async () => {
    const before = await h.rt.db.project.count();
    const malformed = await h.call('POST', `${V3}/projects`, { token: admin, body: '{"project": {' });
    expect(malformed.status).toBe(400);
    const missing = await h.call('POST', `${V3}/projects`, { token: admin, body: { name: 'x' } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toContain("'project'");
    const wrongType = await h.call('POST', `${V3}/projects`, { token: admin, body: { project: { name: ['x'] } } });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error.message).toContain("Invalid input for field 'name'");
    const unknownDomain = await h.call('POST', `${V3}/projects`, { token: admin, body: { project: { name: 'x', domain_id: 'nope' } } });
    expect(unknownDomain.status).toBe(404);
    const dup = await h.call('POST', `${V3}/projects`, { token: admin, body: { project: { name: 'demo' } } });
    expect(dup.status).toBe(409);
    expect(dup.body.error.title).toBe('Conflict');
    expect(await h.rt.db.project.count()).toBe(before);
    expect((await h.call('GET', `${V3}/projects`)).status).toBe(401);
  });

  it('a member cannot read or change another project or its assignments', async () => {
    const adminProject = h.seeded.projects.admin ?? '';
    expect((await h.call('GET', `${V3}/projects/${adminProject}`, { token: demo })).status).toBe(403);
    expect((await h.call('PATCH', `${V3}/projects/${adminProject}`, { token: demo, body: { project: { description: 'x' } } })).status).toBe(403);
    expect((await h.call('GET', `${V3}/role_assignments?scope.project.id=${adminProject}`, { token: demo })).status).toBe(403);
    const adminUser = h.seeded.users.admin ?? '';
    expect((await h.call('GET', `${V3}/users/${adminUser}/application_credentials`, { token: demo })).status).toBe(403);
    expect((await h.call('GET', `${V3}/users/${adminUser}`, { token: demo })).status).toBe(403);
  });
});
