import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@nimbus/shared';
import { listAuditEvents } from '../../audit-query.js';
import { createFixture, type Fixture } from './test-fixture.js';
import { consoleListProjects } from './console-projects.js';
import { consoleListUsers } from './console-users.js';
import { consoleListGroupMembers, consoleListGroups } from './console-groups.js';
import { consoleListRoles } from './console-roles.js';
import { consoleProjectAssignments } from './console-assignments.js';

let f: Fixture;
beforeAll(async () => {
  f = await createFixture('console-lists');
  // 25 extra projects, every third disabled, so paging, filters and sorting have something to do.
  await f.t.db.project.createMany({
    data: Array.from({ length: 25 }, (_, i) => ({
      id: newId(),
      name: `bulk-${String(i).padStart(2, '0')}`,
      description: i % 2 ? 'odd' : 'even',
      enabled: i % 3 !== 0,
      domainId: 'default',
    })),
  });
});
afterAll(async () => {
  await f?.cleanup();
});

describe('consoleListProjects', () => {
  it('pages, counts, sorts and filters on the server for the admin', async () => {
    const admin = f.ctx(f.admin);
    const total = await f.t.db.project.count();
    const first = await consoleListProjects(admin, { pageSize: 10 });
    expect(first).toMatchObject({ total, page: 1, pageSize: 10, scope: 'all' });
    expect(first.items).toHaveLength(10);
    const names = first.items.map((p) => p.name);
    expect(names).toEqual([...names].sort());
    expect(first.items[0]).toMatchObject({ domainName: 'Default' });

    const desc = await consoleListProjects(admin, { pageSize: 5, sort: 'name', dir: 'desc' });
    expect(desc.items[0]?.name).toBe('service');

    const filtered = await consoleListProjects(admin, { q: 'BULK-1', pageSize: 100 });
    expect(filtered.items.map((p) => p.name)).toEqual(Array.from({ length: 10 }, (_, i) => `bulk-1${i}`));
    expect(filtered.total).toBe(10);

    const disabled = await consoleListProjects(admin, { enabled: false, pageSize: 100 });
    expect(disabled.total).toBe(9);
    expect(disabled.items.every((p) => !p.enabled)).toBe(true);

    const byId = await consoleListProjects(admin, { q: f.otherProjectId });
    expect(byId.items.map((p) => p.name)).toEqual(['other']);
  });

  it('answers the last page for a page past the end', async () => {
    const admin = f.ctx(f.admin);
    const total = await f.t.db.project.count();
    const page = await consoleListProjects(admin, { page: 99, pageSize: 10 });
    expect(page.page).toBe(Math.ceil(total / 10));
    expect(page.items).toHaveLength(total % 10 || 10);
  });

  it('shows other users only their own projects', async () => {
    const demo = await consoleListProjects(f.ctx(f.demo));
    expect(demo).toMatchObject({ scope: 'mine', total: 1 });
    expect(demo.items.map((p) => p.name)).toEqual(['demo']);
    const carol = await consoleListProjects(f.ctx(f.carol), { q: 'demo' });
    expect(carol.items).toEqual([]);
  });

  it('rejects bad input with the field named', async () => {
    await expect(consoleListProjects(f.ctx(f.admin), { pageSize: 1000 })).rejects.toMatchObject({ status: 400, field: 'pageSize' });
    await expect(consoleListProjects(f.ctx(null))).rejects.toMatchObject({ status: 401 });
  });
});

describe('consoleListUsers', () => {
  it('lists everyone for the admin, sorted by email with nulls last, and only yourself otherwise', async () => {
    await f.t.db.user.update({ where: { id: f.carolId }, data: { email: 'carol@example.org', defaultProjectId: f.otherProjectId } });
    const all = await consoleListUsers(f.ctx(f.admin), { sort: 'email', pageSize: 100 });
    expect(all.scope).toBe('all');
    expect(all.items[0]).toMatchObject({ name: 'carol', email: 'carol@example.org', defaultProject: { id: f.otherProjectId, name: 'other' } });
    const self = await consoleListUsers(f.ctx(f.demo));
    expect(self).toMatchObject({ scope: 'self', total: 1 });
    expect(self.items[0]?.name).toBe('demo');
  });
});

describe('groups, roles and assignments', () => {
  it('counts members and lists them; refuses non-admins', async () => {
    const groupId = newId();
    await f.t.db.group.create({ data: { id: groupId, name: 'ops', domainId: 'default', members: { create: [{ userId: f.carolId }] } } });
    const groups = await consoleListGroups(f.ctx(f.admin), { q: 'ops' });
    expect(groups.items).toEqual([expect.objectContaining({ id: groupId, memberCount: 1, domainName: 'Default' })]);
    const members = await consoleListGroupMembers(f.ctx(f.admin), { groupId });
    expect(members.items.map((m) => m.name)).toEqual(['carol']);
    await expect(consoleListGroups(f.ctx(f.demo))).rejects.toMatchObject({ status: 403 });
    await expect(consoleListGroupMembers(f.ctx(f.admin), { groupId: 'nope' })).rejects.toMatchObject({ status: 404 });
  });

  it('shows each role with the roles it implies', async () => {
    const roles = await consoleListRoles(f.ctx(f.admin));
    const byName = new Map(roles.items.map((r) => [r.name, r]));
    expect(byName.get('admin')?.implies.map((r) => r.name)).toEqual(['member']);
    expect(byName.get('reader')?.impliedBy.map((r) => r.name)).toEqual(['member']);
    await expect(consoleListRoles(f.ctx(f.demo))).rejects.toMatchObject({ status: 403 });
  });

  it("names a project's direct assignments", async () => {
    const rows = await consoleProjectAssignments(f.ctx(f.admin), f.otherProjectId);
    expect(rows).toEqual([expect.objectContaining({ actorType: 'user', actorName: 'carol', roleName: 'member', inherited: false })]);
    await expect(consoleProjectAssignments(f.ctx(f.carol), f.otherProjectId)).rejects.toMatchObject({ status: 403 });
  });
});

describe('listAuditEvents', () => {
  it('filters by action, user, outcome and time, newest first; admins only', async () => {
    const base = { source: 'trpc', targetType: 'identity', status: 200 };
    const t0 = new Date('2026-01-01T00:00:00Z');
    await f.t.db.auditEvent.createMany({
      data: [
        { ...base, id: newId(), requestId: 'r1', time: t0, userId: f.admin.userId, userName: 'admin', projectId: f.admin.projectId ?? null, action: 'console:identity.projects.create', outcome: 'success' },
        { ...base, id: newId(), requestId: 'r2', time: new Date(t0.getTime() + 60_000), userId: f.carolId, userName: 'carol', action: 'POST /identity/v3/users', outcome: 'failure', status: 403 },
        { ...base, id: newId(), requestId: 'r3', time: new Date(t0.getTime() + 120_000), userId: f.admin.userId, userName: 'admin', action: 'console:identity.users.delete', outcome: 'success' },
      ],
    });
    const admin = f.ctx(f.admin);
    const all = await listAuditEvents(admin);
    expect(all.items.map((e) => e.requestId)).toEqual(['r3', 'r2', 'r1']);
    expect(all.items[2]?.projectName).toBe('admin');
    expect((await listAuditEvents(admin, { action: 'PROJECTS' })).items.map((e) => e.requestId)).toEqual(['r1']);
    expect((await listAuditEvents(admin, { user: 'car' })).items.map((e) => e.requestId)).toEqual(['r2']);
    expect((await listAuditEvents(admin, { user: f.carolId })).total).toBe(1);
    expect((await listAuditEvents(admin, { outcome: 'success', dir: 'asc' })).items.map((e) => e.requestId)).toEqual(['r1', 'r3']);
    const window = await listAuditEvents(admin, { from: new Date(t0.getTime() + 30_000), to: new Date(t0.getTime() + 90_000) });
    expect(window.items.map((e) => e.requestId)).toEqual(['r2']);
    await expect(listAuditEvents(admin, { from: new Date(t0.getTime() + 1), to: t0 })).rejects.toMatchObject({ status: 400, field: 'to' });
    await expect(listAuditEvents(f.ctx(f.demo))).rejects.toMatchObject({ status: 403 });
  });
});
