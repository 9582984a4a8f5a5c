import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authFor, createFixture, type Fixture } from './test-fixture.js';
import {
  createApplicationCredential,
  deleteApplicationCredential,
  getApplicationCredential,
  listApplicationCredentials,
  verifyApplicationCredential,
} from './application-credentials.js';
import { applicationCredentialView, endpointView } from './views.js';
import { createDomain, deleteDomain, getDomain, listDomains, updateDomain } from './domains.js';
import { createProject } from './projects.js';
import { createUser } from './users.js';
import { createGrant, deleteGrant } from './grants.js';
import { createRegion, deleteRegion, listRegions } from './regions.js';
import { createService, deleteService, listServices } from './services.js';
import { createEndpoint, listEndpoints, updateEndpoint } from './endpoints.js';

let f: Fixture;
beforeAll(async () => {
  f = await createFixture('resources-appcreds');
});
afterAll(async () => {
  await f?.cleanup();
});

describe('application credentials', () => {
  it('creates with a generated secret shown once, stored hashed, verifiable', async () => {
    const demo = f.ctx(f.demo);
    const created = await createApplicationCredential(demo, f.demo.userId, { name: 'ci', description: 'for CI' });
    expect(created.secret).toMatch(/^[A-Za-z0-9_-]{64}$/);
    expect(created.secretHash).toMatch(/^\$argon2id\$/);
    expect(created.projectId).toBe(f.demo.projectId);
    expect(created.roles.map((r) => r.name)).toEqual(['member', 'reader']);
    const view = applicationCredentialView(created, 'http://h/identity', created.secret);
    expect(view).toMatchObject({ name: 'ci', secret: created.secret, unrestricted: false, expires_at: null, project_id: f.demo.projectId });
    expect(view.links.self).toBe(`http://h/identity/v3/users/${f.demo.userId}/application_credentials/${created.id}`);

    const listed = await listApplicationCredentials(demo, f.demo.userId);
    expect(listed.map((c) => c.name)).toEqual(['ci']);
    expect(applicationCredentialView(listed[0]!, 'http://h')).not.toHaveProperty('secret');

    const ok = await verifyApplicationCredential(f.t.db, { id: created.id }, created.secret);
    expect(ok?.user.id).toBe(f.demo.userId);
    expect(ok?.project.id).toBe(f.demo.projectId);
    expect(ok?.roles.map((r) => r.name).sort()).toEqual(['member', 'reader']);
    expect(await verifyApplicationCredential(f.t.db, { name: 'ci', userId: f.demo.userId }, created.secret)).not.toBeNull();
    expect(await verifyApplicationCredential(f.t.db, { id: created.id }, 'wrong')).toBeNull();
  });

  it('takes a chosen secret, a role subset and an expiry; refuses roles the token lacks and past expiry', async () => {
    const demo = f.ctx(f.demo);
    const c = await createApplicationCredential(demo, f.demo.userId, {
      name: 'reader-only',
      secret: 'my-secret',
      roles: [{ name: 'reader' }],
      expires_at: new Date(Date.now() + 3600_000).toISOString(),
    });
    expect(c.roles.map((r) => r.name)).toEqual(['reader']);
    expect(await verifyApplicationCredential(f.t.db, { id: c.id }, 'my-secret')).not.toBeNull();

    const before = await f.t.db.applicationCredential.count();
    await expect(createApplicationCredential(demo, f.demo.userId, { name: 'too-much', roles: [{ name: 'admin' }] })).rejects.toMatchObject({ status: 400 });
    await expect(createApplicationCredential(demo, f.demo.userId, { name: 'old', expires_at: '2001-01-01T00:00:00Z' })).rejects.toMatchObject({
      status: 400,
      field: 'expires_at',
    });
    await expect(createApplicationCredential(demo, f.demo.userId, { name: 'ci' })).rejects.toMatchObject({ status: 409 });
    await expect(createApplicationCredential(demo, f.demo.userId, { name: 5 } as never)).rejects.toMatchObject({ status: 400, field: 'name' });
    expect(await f.t.db.applicationCredential.count()).toBe(before);

    await f.t.db.applicationCredential.update({ where: { id: c.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await verifyApplicationCredential(f.t.db, { id: c.id }, 'my-secret')).toBeNull();
  });

  it("keeps everyone else's credentials out of reach", async () => {
    const mine = await createApplicationCredential(f.ctx(f.demo), f.demo.userId, { name: 'private' });
    const carol = f.ctx(f.carol);
    await expect(listApplicationCredentials(carol, f.demo.userId)).rejects.toMatchObject({ status: 403 });
    await expect(getApplicationCredential(carol, f.demo.userId, mine.id)).rejects.toMatchObject({ status: 403 });
    await expect(getApplicationCredential(carol, f.carolId, mine.id)).rejects.toMatchObject({ status: 404 });
    await expect(deleteApplicationCredential(carol, f.carolId, mine.id)).rejects.toMatchObject({ status: 404 });
    await expect(deleteApplicationCredential(carol, f.demo.userId, mine.id)).rejects.toMatchObject({ status: 403 });
    await expect(createApplicationCredential(carol, f.demo.userId, { name: 'for-demo' })).rejects.toMatchObject({ status: 403 });
    expect(await f.t.db.applicationCredential.count({ where: { id: mine.id } })).toBe(1);
  });

  it('a restricted application credential token cannot make more; deleting one revokes its tokens', async () => {
    const demo = f.ctx(f.demo);
    const c = await createApplicationCredential(demo, f.demo.userId, { name: 'restricted' });
    const viaCred = f.ctx(
      authFor({ id: f.demo.userId, name: 'demo' }, { id: f.demo.projectId ?? '', name: 'demo' }, c.roles, {
        applicationCredentialId: c.id,
        methods: ['application_credential'],
      }),
    );
    await expect(createApplicationCredential(viaCred, f.demo.userId, { name: 'child' })).rejects.toMatchObject({ status: 403 });
    await deleteApplicationCredential(demo, f.demo.userId, c.id);
    expect(await f.t.db.revocationEvent.count({ where: { applicationCredentialId: c.id } })).toBe(1);
    await expect(getApplicationCredential(demo, f.demo.userId, c.id)).rejects.toMatchObject({ status: 404 });
  });

  it("dies with its owner's last role on the project, as in Keystone", async () => {
    const admin = f.ctx(f.admin);
    const member = { id: f.seeded.roles.member ?? '', name: 'member' };
    const reader = { id: f.seeded.roles.reader ?? '', name: 'reader' };
    const p = await createProject(admin, { name: 'ac-owner-p' });
    const u = await createUser(admin, { name: 'ac-owner' });
    const ref = { actor: { userId: u.id }, scope: { projectId: p.id } };
    await createGrant(admin, ref, member.id);
    const owner = f.ctx(authFor({ id: u.id, name: 'ac-owner' }, { id: p.id, name: p.name }, [member, reader]));
    const c = await createApplicationCredential(owner, u.id, { name: 'doomed' });
    await deleteGrant(admin, ref, member.id);
    expect(await f.t.db.applicationCredential.count({ where: { id: c.id } })).toBe(0);
    expect(await f.t.db.revocationEvent.count({ where: { applicationCredentialId: c.id } })).toBe(1);
  });
});

describe('domains', () => {
  it('creates, disables (revoking), refuses to delete while enabled, deletes with contents', async () => {
    const admin = f.ctx(f.admin);
    const d = await createDomain(admin, { name: 'acme', description: 'ACME' });
    await expect(createDomain(admin, { name: 'acme' })).rejects.toMatchObject({ status: 409 });
    await createProject(admin, { name: 'acme-p', domain_id: d.id });
    expect((await listDomains(admin, { name: 'acme' })).items.map((x) => x.id)).toEqual([d.id]);
    await expect(deleteDomain(admin, d.id)).rejects.toMatchObject({ status: 403 });
    await updateDomain(admin, d.id, { enabled: false });
    expect(await f.t.db.revocationEvent.count({ where: { domainId: d.id, reason: 'domain disabled' } })).toBe(1);
    await deleteDomain(admin, d.id);
    await expect(getDomain(admin, d.id)).rejects.toMatchObject({ status: 404 });
    expect(await f.t.db.project.count({ where: { domainId: d.id } })).toBe(0);
    await expect(getDomain(f.ctx(f.demo), 'default')).resolves.toMatchObject({ name: 'Default' });
    await expect(createDomain(f.ctx(f.demo), { name: 'evil' })).rejects.toMatchObject({ status: 403 });
  });
});

describe('catalog', () => {
  it('filters services and endpoints and validates the interface', async () => {
    const admin = f.ctx(f.admin);
    const compute = (await listServices(admin, { type: 'compute' })).items;
    expect(compute).toHaveLength(1);
    const eps = (await listEndpoints(admin, { service_id: compute[0]!.id, interface: 'public' })).items;
    expect(eps).toHaveLength(1);
    expect(endpointView(eps[0]!, 'http://h')).toMatchObject({ interface: 'public', region_id: 'RegionOne', region: 'RegionOne' });
    await expect(listEndpoints(admin, { interface: 'private' })).rejects.toMatchObject({ status: 400, field: 'interface' });

    const region = await createRegion(admin, { id: 'RegionTwo', description: 'second' });
    await expect(createRegion(admin, { id: 'RegionTwo' })).rejects.toMatchObject({ status: 409 });
    expect((await listRegions(admin)).items.map((r) => r.id)).toEqual(['RegionOne', 'RegionTwo']);
    const svc = await createService(admin, { type: 'dns', name: 'designate' });
    const before = await f.t.db.endpoint.count();
    await expect(createEndpoint(admin, { service_id: svc.id, interface: 'private' as never, url: 'http://x' })).rejects.toMatchObject({
      status: 400,
      field: 'interface',
    });
    await expect(createEndpoint(admin, { service_id: 'nope', interface: 'public', url: 'http://x' })).rejects.toMatchObject({ status: 400, field: 'service_id' });
    await expect(createEndpoint(admin, { service_id: svc.id, interface: 'public', url: 'http://x', region_id: 'Nowhere' })).rejects.toMatchObject({
      status: 400,
      field: 'region_id',
    });
    expect(await f.t.db.endpoint.count()).toBe(before);
    const ep = await createEndpoint(admin, { service_id: svc.id, interface: 'public', url: 'http://dns:9001', region_id: region.id });
    expect((await updateEndpoint(admin, ep.id, { url: 'http://dns:9002' })).url).toBe('http://dns:9002');
    await expect(deleteRegion(admin, region.id)).rejects.toMatchObject({ status: 403 });
    await deleteService(admin, svc.id);
    expect(await f.t.db.endpoint.count({ where: { id: ep.id } })).toBe(0);
    await deleteRegion(admin, region.id);
    await expect(listServices(f.ctx(f.demo))).rejects.toMatchObject({ status: 403 });
    await expect(listRegions(f.ctx(f.demo))).resolves.toBeTruthy();
  });
});
