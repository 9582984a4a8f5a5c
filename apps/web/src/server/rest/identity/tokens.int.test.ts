import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeToken, decodeToken } from '@nimbus/core/identity/token-format';
import { loadKeyRing, rotateKeys } from '@nimbus/core/identity/token-keys';
import { TokenService } from '@nimbus/core/identity/token-service';
import reference from '../../../../../../reference/keystone-22-exchanges.json' with { type: 'json' };
import { startRestHarness, type RestHarness } from '../test-harness';

let h: RestHarness;
beforeAll(async () => {
  h = await startRestHarness({ TOKEN_EXPIRATION: '3600' });
});
afterAll(async () => {
  await h?.close();
});

const TOKENS = '/identity/v3/auth/tokens';

function passwordAuth(user: string, password: string, scope?: unknown) {
  return {
    auth: {
      identity: { methods: ['password'], password: { user: { name: user, domain: { name: 'Default' }, password } } },
      ...(scope === undefined ? {} : { scope }),
    },
  };
}

async function validate(token: string, subject = token) {
  return h.call('GET', TOKENS, { token, headers: { 'X-Subject-Token': subject } });
}

/** The set of keys at each level, so shapes compare without ids and times. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.length ? [shape(value[0])] : [];
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, shape((value as Record<string, unknown>)[k])]));
  }
  return typeof value;
}

describe('token issue', () => {
  it('answers 201 with X-Subject-Token and the same body shape as Keystone 22', async () => {
    const res = await h.call('POST', TOKENS, { body: passwordAuth('admin', 'admin', { project: { name: 'admin', domain: { name: 'Default' } } }) });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-subject-token')).toBeTruthy();
    expect(res.headers.get('x-openstack-request-id')).toMatch(/^req-[0-9a-f-]{36}$/);
    const ref = reference.token_issue_password_project_scoped.body as { token: Record<string, unknown> };
    expect(shape(res.body)).toEqual(shape(ref));
    expect(res.body.token.roles.map((r: { name: string }) => r.name).sort()).toEqual(['admin', 'member', 'reader']);
    expect(res.body.token.expires_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    const lifetime = Date.parse(res.body.token.expires_at) - Date.parse(res.body.token.issued_at);
    expect(lifetime).toBe(3600 * 1000);
  });

  it('authenticates a user by id and scopes a project by id', async () => {
    const res = await h.call('POST', TOKENS, {
      body: {
        auth: {
          identity: { methods: ['password'], password: { user: { id: h.seeded.users.demo, password: 'demo' } } },
          scope: { project: { id: h.seeded.projects.demo } },
        },
      },
    });
    expect(res.status).toBe(201);
    expect(res.body.token.project.name).toBe('demo');
    expect(res.body.token.roles.map((r: { name: string }) => r.name).sort()).toEqual(['member', 'reader']);
  });

  it('scopes to a domain, and unscoped carries no roles and no catalog', async () => {
    const domain = await h.call('POST', TOKENS, { body: passwordAuth('admin', 'admin', { domain: { id: 'default' } }) });
    // admin holds no grant on the domain itself: Keystone refuses a domain scope without one.
    expect(domain.status).toBe(401);
    const unscoped = await h.call('POST', TOKENS, { body: passwordAuth('admin', 'admin', 'unscoped') });
    expect(unscoped.status).toBe(201);
    expect(unscoped.body.token.roles).toBeUndefined();
    expect(unscoped.body.token.project).toBeUndefined();
    expect(unscoped.body.token.catalog).toEqual([]);
  });

  it('without a scope uses the default project', async () => {
    const res = await h.call('POST', TOKENS, { body: passwordAuth('demo', 'demo') });
    expect(res.status).toBe(201);
    expect(res.body.token.project.name).toBe('demo');
  });

  it('honours ?nocatalog', async () => {
    const res = await h.call('POST', `${TOKENS}?nocatalog`, { body: passwordAuth('admin', 'admin', { project: { name: 'admin', domain: { id: 'default' } } }) });
    expect(res.status).toBe(201);
    expect(res.body.token.catalog).toBeUndefined();
  });

  it('re-scopes with the token method, keeping the expiry and chaining audit ids', async () => {
    const first = await h.call('POST', TOKENS, { body: passwordAuth('admin', 'admin', 'unscoped') });
    const token = first.headers.get('x-subject-token') as string;
    const res = await h.call('POST', TOKENS, {
      body: { auth: { identity: { methods: ['token'], token: { id: token } }, scope: { project: { id: h.seeded.projects.service } } } },
    });
    expect(res.status).toBe(401); // admin has no role on `service`
    const ok = await h.call('POST', TOKENS, {
      body: { auth: { identity: { methods: ['token'], token: { id: token } }, scope: { project: { id: h.seeded.projects.admin } } } },
    });
    expect(ok.status).toBe(201);
    expect(ok.body.token.expires_at).toBe(first.body.token.expires_at);
    expect(ok.body.token.audit_ids[1]).toBe(first.body.token.audit_ids[0]);
  });

  it('refuses a bad password, an unknown user and an unknown domain alike with Keystone 401', async () => {
    const ref = reference.token_issue_bad_password;
    for (const body of [
      passwordAuth('admin', 'wrong'),
      passwordAuth('nobody', 'x'),
      { auth: { identity: { methods: ['password'], password: { user: { name: 'admin', domain: { name: 'NoSuchDomain' }, password: 'admin' } } } } },
    ]) {
      const res = await h.call('POST', TOKENS, { body });
      expect(res.status).toBe(401);
      expect(res.body).toEqual(ref.body);
      expect(res.headers.get('www-authenticate')).toBe(`Keystone uri="${h.url}/identity/v3"`);
    }
  });
});

describe('token validate, check and revoke', () => {
  it('GET validates, HEAD checks, a bogus subject is 404 with Keystone’s body shape', async () => {
    const token = await h.login('admin', 'admin');
    const ok = await validate(token);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('x-subject-token')).toBe(token);
    const head = await h.call('HEAD', TOKENS, { token, headers: { 'X-Subject-Token': token } });
    expect(head.status).toBe(200);
    expect(head.body).toBeNull();
    const bogus = await validate(token, 'gAAAAAbogus');
    expect(bogus.status).toBe(404);
    expect(shape(bogus.body)).toEqual(shape(reference.token_validate_bogus_subject.body));
  });

  it('needs X-Auth-Token: missing or bogus is 401 with WWW-Authenticate', async () => {
    for (const token of [undefined, 'bogus-token']) {
      const res = await h.call('GET', '/identity/v3/auth/projects', token ? { token } : {});
      expect(res.status).toBe(401);
      expect(res.body).toEqual(reference.projects_no_token.body);
      expect(res.headers.get('www-authenticate')).toContain('Keystone uri=');
    }
  });

  it('a member may validate only its own token', async () => {
    const admin = await h.login('admin', 'admin');
    const demo = await h.login('demo', 'demo');
    expect((await validate(demo, admin)).status).toBe(403);
    expect((await validate(admin, demo)).status).toBe(200);
  });

  it('expires: a token past expires_at is gone everywhere', async () => {
    const ring = await loadKeyRing(h.rt.db);
    const past = await encodeToken(
      { userId: h.seeded.users.admin!, methods: ['password'], projectId: h.seeded.projects.admin, auditIds: ['x'], issuedAt: new Date(Date.now() - 7200_000), expiresAt: new Date(Date.now() - 1000) },
      ring,
    );
    const live = await h.login('admin', 'admin');
    expect((await validate(live, past)).status).toBe(404);
    expect((await h.call('GET', '/identity/v3/auth/catalog', { token: past })).status).toBe(401);
  });

  it('DELETE revokes (logout): the token fails at once, also for tokens re-scoped from it', async () => {
    const admin = await h.login('admin', 'admin');
    const victim = await h.login('demo', 'demo');
    const rescoped = await h.call('POST', TOKENS, {
      body: { auth: { identity: { methods: ['token'], token: { id: victim } }, scope: { project: { id: h.seeded.projects.demo } } } },
    });
    const child = rescoped.headers.get('x-subject-token') as string;
    const del = await h.call('DELETE', TOKENS, { token: admin, headers: { 'X-Subject-Token': victim } });
    expect(del.status).toBe(204);
    expect((await validate(admin, victim)).status).toBe(404);
    expect((await validate(admin, child)).status).toBe(404);
    expect((await h.call('GET', '/identity/v3/auth/projects', { token: victim })).status).toBe(401);
  });

  it('a revocation in one process is seen by another process at once', async () => {
    const other = new TokenService({ db: h.rt.db, redis: h.rt.redis, keyPrefix: h.rt.config.REDIS_PREFIX, expiration: 3600 });
    const admin = await h.login('admin', 'admin');
    const victim = await h.login('demo', 'demo');
    expect(await other.validate(victim)).not.toBeNull();
    await h.call('DELETE', TOKENS, { token: admin, headers: { 'X-Subject-Token': victim } });
    expect(await other.validate(victim)).toBeNull();
  });

  it('key rotation: old tokens keep working until their key is retired', async () => {
    const before = await h.login('admin', 'admin');
    await rotateKeys(h.rt.db, 3);
    await h.rt.redis.incr(`${h.rt.config.REDIS_PREFIX}:identity:generation`);
    const after = await h.login('admin', 'admin');
    expect((await validate(after, before)).status).toBe(200);
    const ring = await loadKeyRing(h.rt.db);
    expect((await decodeToken(after, ring))?.userId).toBe(h.seeded.users.admin);
    await rotateKeys(h.rt.db, 1);
    await rotateKeys(h.rt.db, 1);
    await h.rt.redis.incr(`${h.rt.config.REDIS_PREFIX}:identity:generation`);
    const fresh = await h.login('admin', 'admin');
    expect((await validate(fresh, before)).status).toBe(404);
  });
});

describe('bad input to POST /v3/auth/tokens', () => {
  const cases: [string, unknown, RegExp][] = [
    ['malformed JSON', '{"auth": ', /Malformed JSON/],
    ['empty object', {}, /field 'auth'/],
    ['missing identity', { auth: {} }, /auth\.identity/],
    ['methods of the wrong type', { auth: { identity: { methods: 'password' } } }, /auth\.identity\.methods/],
    ['unknown method', { auth: { identity: { methods: ['kerberos'] } } }, /auth\.identity\.methods/],
    ['method without its section', { auth: { identity: { methods: ['password'] } } }, /auth\.identity\.password/],
    ['password of the wrong type', { auth: { identity: { methods: ['password'], password: { user: { name: 'admin', domain: { id: 'default' }, password: 42 } } } } }, /password/],
    ['user without domain', { auth: { identity: { methods: ['password'], password: { user: { name: 'admin', password: 'admin' } } } } }, /user/],
  ];
  it.each(cases)('%s → 400 naming the field', async (_name, body, message) => {
    const res = await h.call('POST', TOKENS, { body });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });

  it('a body over the size limit is 413 and nothing is issued', async () => {
    const res = await h.call('POST', TOKENS, { body: { auth: { pad: 'x'.repeat(200_000) } } });
    expect(res.status).toBe(413);
    expect(res.body.error.title).toBe('Request Entity Too Large');
  });

  it('an unknown path is 404 and a wrong method 405, both as Keystone errors', async () => {
    const token = await h.login('admin', 'admin');
    expect((await h.call('GET', '/identity/v3/nothing-here', { token })).body.error.code).toBe(404);
    const put = await h.call('PUT', TOKENS, { token, body: {} });
    expect(put.status).toBe(405);
  });
});

describe('catalog, projects and domains of the caller', () => {
  it('GET /v3/auth/catalog substitutes the project id', async () => {
    const token = await h.login('admin', 'admin');
    const res = await h.call('GET', '/identity/v3/auth/catalog', { token });
    expect(res.status).toBe(200);
    const volume = res.body.catalog.find((s: { type: string }) => s.type === 'volumev3');
    expect(volume.endpoints[0].url).toBe(`${h.url}/volume/v3/${h.seeded.projects.admin}`);
  });

  it('GET /v3/auth/projects lists only projects the caller has a role on', async () => {
    const token = await h.login('demo', 'demo');
    const res = await h.call('GET', '/identity/v3/auth/projects', { token });
    expect(res.body.projects.map((p: { name: string }) => p.name)).toEqual(['demo']);
  });

  it('GET /v3/auth/domains lists domains the caller holds a role on, directly or through a group', async () => {
    const admin = await h.login('admin', 'admin');
    const demo = await h.login('demo', 'demo');
    expect((await h.call('GET', '/identity/v3/auth/domains', { token: demo })).body.domains).toEqual([]);
    const group = await h.call('POST', '/identity/v3/groups', { token: admin, body: { group: { name: 'domain-readers', domain_id: 'default' } } });
    const groupId = group.body.group.id as string;
    expect((await h.call('PUT', `/identity/v3/groups/${groupId}/users/${h.seeded.users.demo}`, { token: admin })).status).toBe(204);
    expect((await h.call('PUT', `/identity/v3/domains/default/groups/${groupId}/roles/${h.seeded.roles.reader}`, { token: admin })).status).toBe(204);
    const res = await h.call('GET', '/identity/v3/auth/domains', { token: await h.login('demo', 'demo') });
    expect(res.body.domains.map((d: { name: string }) => d.name)).toEqual(['Default']);
  });

  it('version documents at /identity and /identity/v3', async () => {
    const root = await h.call('GET', '/identity');
    expect(root.status).toBe(300);
    expect(root.body.versions.values[0].id).toMatch(/^v3/);
    const v3 = await h.call('GET', '/identity/v3');
    expect(v3.body.version.links[0].href).toBe(`${h.url}/identity/v3/`);
  });
});
