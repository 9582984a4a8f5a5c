import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRestHarness, type RestHarness } from '../test-harness';

// Every cause of revocation named by the identity issue, end to end over HTTP: the token stops
// working for every API at once, and a token issued afterwards works again where it should.
let h: RestHarness;
let admin: string;
beforeAll(async () => {
  h = await startRestHarness();
  admin = await h.login('admin', 'admin');
});
afterAll(async () => {
  await h?.close();
});

const TOKENS = '/identity/v3/auth/tokens';
const uniq = () => randomBytes(4).toString('hex');

async function alive(token: string): Promise<boolean> {
  const res = await h.call('GET', TOKENS, { token: admin, headers: { 'X-Subject-Token': token } });
  return res.status === 200;
}

/** A fresh project + user (member on it), password = name; returns ids and a scoped token. */
async function tenant() {
  const name = `rv-${uniq()}`;
  const project = await h.call('POST', '/identity/v3/projects', { token: admin, body: { project: { name, domain_id: 'default' } } });
  expect(project.status).toBe(201);
  const user = await h.call('POST', '/identity/v3/users', {
    token: admin,
    body: { user: { name, domain_id: 'default', password: name, default_project_id: project.body.project.id } },
  });
  expect(user.status).toBe(201);
  const member = h.seeded.roles.member;
  const grant = await h.call('PUT', `/identity/v3/projects/${project.body.project.id}/users/${user.body.user.id}/roles/${member}`, { token: admin });
  expect(grant.status).toBe(204);
  const token = await h.login(name, name);
  expect(await alive(token)).toBe(true);
  return { name, projectId: project.body.project.id as string, userId: user.body.user.id as string, token };
}

describe('revocation causes', () => {
  it('password change (self-service) revokes the user’s tokens; the new password works', async () => {
    const t = await tenant();
    const res = await h.call('POST', `/identity/v3/users/${t.userId}/password`, {
      token: t.token,
      body: { user: { original_password: t.name, password: `${t.name}-new` } },
    });
    expect(res.status).toBe(204);
    expect(await alive(t.token)).toBe(false);
    expect(await alive(await h.login(t.name, undefined, `${t.name}-new`))).toBe(true);
  });

  it('a wrong original password is 401 and changes nothing', async () => {
    const t = await tenant();
    const res = await h.call('POST', `/identity/v3/users/${t.userId}/password`, {
      token: t.token,
      body: { user: { original_password: 'wrong', password: 'whatever-else' } },
    });
    expect(res.status).toBe(401);
    expect(await alive(t.token)).toBe(true);
    expect(await alive(await h.login(t.name, undefined, t.name))).toBe(true);
  });

  it('disabling the user revokes, and the user cannot log in', async () => {
    const t = await tenant();
    const res = await h.call('PATCH', `/identity/v3/users/${t.userId}`, { token: admin, body: { user: { enabled: false } } });
    expect(res.status).toBe(200);
    expect(await alive(t.token)).toBe(false);
    await expect(h.login(t.name, t.name)).rejects.toThrow(/401/);
  });

  it('disabling the project revokes tokens scoped to it', async () => {
    const t = await tenant();
    const res = await h.call('PATCH', `/identity/v3/projects/${t.projectId}`, { token: admin, body: { project: { enabled: false } } });
    expect(res.status).toBe(200);
    expect(await alive(t.token)).toBe(false);
  });

  it('removing the role revokes the user’s tokens on that project', async () => {
    const t = await tenant();
    const res = await h.call('DELETE', `/identity/v3/projects/${t.projectId}/users/${t.userId}/roles/${h.seeded.roles.member}`, { token: admin });
    expect(res.status).toBe(204);
    expect(await alive(t.token)).toBe(false);
  });

  it('removing a user from a group that carried the role revokes', async () => {
    const t = await tenant();
    await h.call('DELETE', `/identity/v3/projects/${t.projectId}/users/${t.userId}/roles/${h.seeded.roles.member}`, { token: admin });
    const group = await h.call('POST', '/identity/v3/groups', { token: admin, body: { group: { name: `g-${t.name}`, domain_id: 'default' } } });
    const groupId = group.body.group.id as string;
    expect((await h.call('PUT', `/identity/v3/groups/${groupId}/users/${t.userId}`, { token: admin })).status).toBe(204);
    expect((await h.call('PUT', `/identity/v3/projects/${t.projectId}/groups/${groupId}/roles/${h.seeded.roles.member}`, { token: admin })).status).toBe(204);
    const viaGroup = await h.login(t.name, t.name);
    expect(await alive(viaGroup)).toBe(true);
    expect((await h.call('DELETE', `/identity/v3/groups/${groupId}/users/${t.userId}`, { token: admin })).status).toBe(204);
    expect(await alive(viaGroup)).toBe(false);
  });

  it('deleting an application credential revokes the tokens made with it', async () => {
    const t = await tenant();
    const cred = await h.call('POST', `/identity/v3/users/${t.userId}/application_credentials`, {
      token: t.token,
      body: { application_credential: { name: 'ci' } },
    });
    expect(cred.status).toBe(201);
    const issued = await h.call('POST', TOKENS, {
      body: { auth: { identity: { methods: ['application_credential'], application_credential: { id: cred.body.application_credential.id, secret: cred.body.application_credential.secret } } } },
    });
    expect(issued.status).toBe(201);
    const viaCred = issued.headers.get('x-subject-token') as string;
    expect(issued.body.token.application_credential.id).toBe(cred.body.application_credential.id);
    expect(await alive(viaCred)).toBe(true);
    const del = await h.call('DELETE', `/identity/v3/users/${t.userId}/application_credentials/${cred.body.application_credential.id}`, { token: t.token });
    expect(del.status).toBe(204);
    expect(await alive(viaCred)).toBe(false);
    expect(await alive(t.token)).toBe(true);
  });
});

describe('isolation over HTTP (Keystone’s status codes)', () => {
  it('a member of one project cannot read or change another project, its assignments or others’ credentials', async () => {
    const a = await tenant();
    const b = await tenant();
    expect((await h.call('GET', `/identity/v3/projects/${b.projectId}`, { token: a.token })).status).toBe(403);
    const patch = await h.call('PATCH', `/identity/v3/projects/${b.projectId}`, { token: a.token, body: { project: { description: 'pwned' } } });
    expect(patch.status).toBe(403);
    expect((await h.call('GET', `/identity/v3/projects/${b.projectId}`, { token: admin })).body.project.description).not.toBe('pwned');
    expect((await h.call('GET', `/identity/v3/role_assignments?scope.project.id=${b.projectId}`, { token: a.token })).status).toBe(403);
    expect((await h.call('PUT', `/identity/v3/projects/${b.projectId}/users/${a.userId}/roles/${h.seeded.roles.member}`, { token: a.token })).status).toBe(403);
    expect((await h.call('GET', `/identity/v3/users/${b.userId}/application_credentials`, { token: a.token })).status).toBe(403);
    const bCred = await h.call('POST', `/identity/v3/users/${b.userId}/application_credentials`, { token: b.token, body: { application_credential: { name: 'mine' } } });
    expect(bCred.status).toBe(201);
    expect((await h.call('GET', `/identity/v3/users/${a.userId}/application_credentials/${bCred.body.application_credential.id}`, { token: a.token })).status).toBe(404);
    expect((await h.call('DELETE', `/identity/v3/users/${b.userId}/application_credentials/${bCred.body.application_credential.id}`, { token: a.token })).status).toBe(403);
    expect((await h.call('GET', '/identity/v3/users', { token: a.token })).status).toBe(403);
    expect((await h.call('POST', '/identity/v3/projects', { token: a.token, body: { project: { name: `x-${uniq()}` } } })).status).toBe(403);
  });

  it('a member reads its own project and itself', async () => {
    const a = await tenant();
    expect((await h.call('GET', `/identity/v3/projects/${a.projectId}`, { token: a.token })).status).toBe(200);
    expect((await h.call('GET', `/identity/v3/users/${a.userId}`, { token: a.token })).status).toBe(200);
  });
});

describe('bad input on resource APIs changes nothing', () => {
  it.each([
    ['malformed JSON', '{"project":', 400],
    ['missing wrapper', { name: 'x' }, 400],
    ['name of the wrong type', { project: { name: 42 } }, 400],
    ['unknown domain', { project: { name: `x-${uniq()}`, domain_id: 'no-such-domain' } }, [400, 404]],
  ] as const)('POST /v3/projects with %s', async (_n, body, status) => {
    const before = (await h.call('GET', '/identity/v3/projects', { token: admin })).body.projects.length;
    const res = await h.call('POST', '/identity/v3/projects', { token: admin, body });
    if (Array.isArray(status)) expect(status).toContain(res.status);
    else expect(res.status).toBe(status);
    expect(res.body.error.message.length).toBeGreaterThan(5);
    const after = (await h.call('GET', '/identity/v3/projects', { token: admin })).body.projects.length;
    expect(after).toBe(before);
  });

  it('a duplicate name is 409', async () => {
    const name = `dup-${uniq()}`;
    expect((await h.call('POST', '/identity/v3/projects', { token: admin, body: { project: { name } } })).status).toBe(201);
    expect((await h.call('POST', '/identity/v3/projects', { token: admin, body: { project: { name } } })).status).toBe(409);
  });
});
