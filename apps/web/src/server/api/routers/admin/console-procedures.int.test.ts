import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRestHarness, type RestHarness } from '../../../rest/test-harness';
import { csrfFor, SESSION_COOKIE } from '../../../session';
import { createCaller } from '../../root';
import { createTRPCContext } from '../../trpc';

/**
 * The console's tRPC procedures end to end against a seeded database: policy per caller (admin
 * vs project member), CSRF on mutations, and the audit trail a mutation leaves.
 */
let h: RestHarness;
let adminToken: string;
let demoToken: string;

beforeAll(async () => {
  h = await startRestHarness();
  adminToken = await h.login('admin', 'admin');
  demoToken = await h.login('demo', 'demo');
});
afterAll(async () => {
  await h?.close();
});

async function callerFor(token: string, csrf: string | null = csrfFor(token)) {
  const headers = new Headers({ cookie: `${SESSION_COOKIE}=${encodeURIComponent(token)}` });
  if (csrf) headers.set('x-csrf-token', csrf);
  return createCaller(await createTRPCContext({ headers }));
}

describe('admin procedures', () => {
  it('answer the admin and refuse a project member with FORBIDDEN', async () => {
    const admin = await callerFor(adminToken);
    expect((await admin.admin.overview()).counts.projects).toBeGreaterThanOrEqual(3);
    const demo = await callerFor(demoToken);
    await expect(demo.admin.auditEvents({})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(demo.admin.overview()).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('records a console mutation in the audit log, found by its action', async () => {
    const admin = await callerFor(adminToken);
    const created = await admin.identity.projects.create({ name: 'audited' });
    await expect(admin.identity.projects.create({ name: 'audited' })).rejects.toMatchObject({ code: 'CONFLICT' });
    const events = await admin.admin.auditEvents({ action: 'projects.create' });
    expect(events.items.map((e) => e.outcome).sort()).toEqual(['failure', 'success']);
    expect(events.items.every((e) => e.userName === 'admin')).toBe(true);
    await admin.identity.projects.delete({ id: created.id });
  });
});

describe('identity procedures', () => {
  it('refuse a mutation without the CSRF header', async () => {
    const noCsrf = await callerFor(adminToken, null);
    await expect(noCsrf.identity.roles.create({ name: 'x' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const anonymous = createCaller(await createTRPCContext({ headers: new Headers() }));
    await expect(anonymous.identity.projects.list({})).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('show a member only their project and offer them no admin actions', async () => {
    const demo = await callerFor(demoToken);
    const projects = await demo.identity.projects.list({});
    expect(projects.items.map((p) => p.name)).toEqual(['demo']);
    expect(projects.can).toEqual({ create: false, update: false, delete: false, grant: false });
    await expect(demo.identity.projects.create({ name: 'nope' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const users = await demo.identity.users.list({});
    expect(users.items.map((u) => u.name)).toEqual(['demo']);
  });

  it('creates a user with a role on a primary project, and reports a mismatched confirmation on its field', async () => {
    const admin = await callerFor(adminToken);
    const demoProject = h.seeded.projects.demo ?? '';
    const member = h.seeded.roles.member ?? '';
    await expect(
      admin.identity.users.create({ name: 'erin', password: 'a', confirm: 'b', projectId: demoProject, roleId: member }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const erin = await admin.identity.users.create({ name: 'erin', password: 'pw', confirm: 'pw', projectId: demoProject, roleId: member });
    const assignments = await admin.identity.projects.assignments({ projectId: demoProject });
    expect(assignments).toContainEqual(expect.objectContaining({ actorId: erin.id, roleName: 'member' }));
    await expect(admin.identity.users.delete({ id: h.seeded.users.admin ?? '' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await admin.identity.users.delete({ id: erin.id });
  });

  it('returns an application credential secret once, with ready-made rc files', async () => {
    const demo = await callerFor(demoToken);
    const created = await demo.identity.appCredentials.create({ name: 'ci' });
    expect(created.secret.length).toBeGreaterThanOrEqual(32);
    expect(created.files.openrc.text).toContain(`export OS_APPLICATION_CREDENTIAL_SECRET='${created.secret}'`);
    expect(created.files.openrc.text).toContain(`export OS_AUTH_URL='${h.url}/identity'`);
    const list = await demo.identity.appCredentials.list({});
    expect(list.items.map((c) => c.name)).toEqual(['ci']);
    expect(JSON.stringify(list)).not.toContain(created.secret);
    const admin = await callerFor(adminToken);
    await expect(admin.identity.appCredentials.delete({ id: created.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await demo.identity.appCredentials.delete({ id: created.id });
  });
});
