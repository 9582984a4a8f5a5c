import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../password.js';
import { createFixture, type Fixture } from './test-fixture.js';
import { createProject, deleteProject, getProject, listProjects, updateProject } from './projects.js';
import { changePassword, createUser, deleteUser, getUser, listUserGroups, listUserProjects, listUsers, updateUser } from './users.js';
import { projectView, userView } from './views.js';

let f: Fixture;
beforeAll(async () => {
  f = await createFixture('resources-projects');
});
afterAll(async () => {
  await f?.cleanup();
});

async function revocations(match: Record<string, unknown>) {
  return f.t.db.revocationEvent.findMany({ where: match });
}

describe('projects', () => {
  it('creates, reads, lists with filters, updates and deletes', async () => {
    const admin = f.ctx(f.admin);
    const p = await createProject(admin, { name: 'alpha', description: 'first', tags: ['x', 'y'], flavor: 'vanilla' });
    expect(p.domainId).toBe('default');
    const view = projectView(await getProject(admin, p.id), 'http://h/identity');
    expect(view).toMatchObject({
      id: p.id, name: 'alpha', description: 'first', enabled: true, domain_id: 'default', parent_id: 'default',
      is_domain: false, tags: ['x', 'y'], options: {}, flavor: 'vanilla', links: { self: `http://h/identity/v3/projects/${p.id}` },
    });

    const child = await createProject(admin, { name: 'alpha-child', parent_id: p.id, enabled: false });
    expect(child.parentId).toBe(p.id);
    expect((await listProjects(admin, { parent_id: p.id })).items.map((x) => x.name)).toEqual(['alpha-child']);
    expect((await listProjects(admin, { enabled: false })).items.map((x) => x.name)).toEqual(['alpha-child']);
    expect((await listProjects(admin, { name: 'alpha' })).items).toHaveLength(1);
    expect((await listProjects(admin, { tags: ['x'] })).items.map((x) => x.name)).toEqual(['alpha']);
    expect((await listProjects(admin, { is_domain: true })).items).toEqual([]);
    const top = (await listProjects(admin, { parent_id: 'default' })).items.map((x) => x.name);
    expect(top).toContain('alpha');
    expect(top).not.toContain('alpha-child');

    const paged = await listProjects(admin, { limit: 2 });
    expect(paged.items).toHaveLength(2);
    expect(paged.nextMarker).toBe(paged.items[1]?.id);
    const rest = await listProjects(admin, { marker: paged.nextMarker ?? '' });
    expect(rest.items.map((x) => x.id)).not.toContain(paged.items[0]?.id);

    const updated = await updateProject(admin, p.id, { description: 'changed', tags: ['z'] });
    expect(updated.description).toBe('changed');
    expect(updated.tags).toEqual(['z']);

    await expect(deleteProject(admin, p.id)).rejects.toMatchObject({ status: 403 });
    await deleteProject(admin, child.id);
    await deleteProject(admin, p.id);
    await expect(getProject(admin, p.id)).rejects.toMatchObject({ status: 404, message: `Could not find project: ${p.id}.` });
  });

  it('refuses duplicates, bad input and unknown domains without changing anything', async () => {
    const admin = f.ctx(f.admin);
    const before = await f.t.db.project.count();
    await expect(createProject(admin, { name: 'demo' })).rejects.toMatchObject({ status: 409, message: expect.stringContaining('Duplicate entry') });
    await expect(createProject(admin, { name: 42 } as never)).rejects.toMatchObject({ status: 400, field: 'name', message: expect.stringContaining("Invalid input for field 'name'") });
    await expect(createProject(admin, {} as never)).rejects.toMatchObject({ status: 400, field: 'name', message: expect.stringContaining("'name' is a required property") });
    await expect(createProject(admin, { name: 'x', enabled: 'yes' } as never)).rejects.toMatchObject({ status: 400, field: 'enabled' });
    await expect(createProject(admin, { name: 'x', domain_id: 'nope' })).rejects.toMatchObject({ status: 404 });
    await expect(createProject(admin, { name: 'x', tags: ['a/b'] })).rejects.toMatchObject({ status: 400, field: 'tags.0' });
    const demoId = f.seeded.projects.demo ?? '';
    await expect(updateProject(admin, demoId, { name: 'admin' })).rejects.toMatchObject({ status: 409 });
    await expect(updateProject(admin, demoId, { domain_id: 'other' })).rejects.toMatchObject({ status: 400, field: 'domain_id' });
    expect(await f.t.db.project.count()).toBe(before);
    expect((await f.t.db.project.findUnique({ where: { id: demoId } }))?.name).toBe('demo');
  });

  it('answers 409, not 500, when identical creates race', async () => {
    const results = await Promise.allSettled([1, 2, 3].map(() => createProject(f.ctx(f.admin), { name: 'racy' })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((r) => r.status === 'rejected')) expect((r as PromiseRejectedResult).reason).toMatchObject({ status: 409 });
  });

  it('keeps members to their own project', async () => {
    const demo = f.ctx(f.demo);
    const demoId = f.seeded.projects.demo ?? '';
    expect((await getProject(demo, demoId)).name).toBe('demo');
    await expect(getProject(demo, f.otherProjectId)).rejects.toMatchObject({ status: 403 });
    await expect(updateProject(demo, f.otherProjectId, { description: 'mine' })).rejects.toMatchObject({ status: 403 });
    await expect(updateProject(demo, demoId, { description: 'mine' })).rejects.toMatchObject({ status: 403 });
    await expect(deleteProject(demo, f.otherProjectId)).rejects.toMatchObject({ status: 403 });
    await expect(listProjects(demo)).rejects.toMatchObject({ status: 403 });
    await expect(createProject(demo, { name: 'sneaky' })).rejects.toMatchObject({ status: 403 });
    await expect(getProject(f.ctx(null), demoId)).rejects.toMatchObject({ status: 401 });
    expect((await f.t.db.project.findUnique({ where: { id: f.otherProjectId } }))?.description).toBe('');
  });

  it('disabling a project revokes its tokens', async () => {
    const admin = f.ctx(f.admin);
    const p = await createProject(admin, { name: 'to-disable' });
    await updateProject(admin, p.id, { enabled: false });
    expect(await revocations({ projectId: p.id, reason: 'project disabled' })).toHaveLength(1);
    await expect(updateProject(admin, p.id, { enabled: true })).resolves.toMatchObject({ enabled: true });
  });
});

describe('users', () => {
  it('creates with a hashed password and extra attributes, lists, updates, deletes', async () => {
    const admin = f.ctx(f.admin);
    const demoId = f.seeded.projects.demo ?? '';
    const u = await createUser(admin, { name: 'ursula', password: 'pw-1', email: 'u@example.org', default_project_id: demoId, team: 'blue' });
    expect(u.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(u.passwordHash, 'pw-1')).toBe(true);
    const view = userView(u, 'http://h/identity');
    expect(view).toMatchObject({ name: 'ursula', email: 'u@example.org', default_project_id: demoId, team: 'blue', domain_id: 'default', enabled: true });
    expect(view).not.toHaveProperty('password');
    expect(view).not.toHaveProperty('passwordHash');

    expect((await listUsers(admin, { name: 'ursula' })).items.map((x) => x.id)).toEqual([u.id]);
    expect((await listUsers(admin, { domain_id: 'default' })).items.length).toBeGreaterThan(5);
    await expect(createUser(admin, { name: 'ursula' })).rejects.toMatchObject({ status: 409 });
    await expect(createUser(admin, { name: 'x', domain_id: 'DEFAULT' })).rejects.toMatchObject({ status: 404 });
    await expect(createUser(admin, { name: 'x', email: 3 } as never)).rejects.toMatchObject({ status: 400, field: 'email' });

    const renamed = await updateUser(admin, u.id, { name: 'ursula2', team: 'red' });
    expect(userView(renamed, 'http://h')).toMatchObject({ name: 'ursula2', team: 'red' });
    await deleteUser(admin, u.id);
    expect(await revocations({ userId: u.id, reason: 'user deleted' })).toHaveLength(1);
    await expect(getUser(admin, u.id)).rejects.toMatchObject({ status: 404 });
  });

  it('revokes on disable, admin password reset and self-service password change', async () => {
    const admin = f.ctx(f.admin);
    const u = await createUser(admin, { name: 'victor', password: 'old-pw' });
    await updateUser(admin, u.id, { enabled: false });
    expect(await revocations({ userId: u.id, reason: 'user disabled' })).toHaveLength(1);
    await updateUser(admin, u.id, { enabled: true, password: 'new-pw' });
    expect(await revocations({ userId: u.id, reason: 'password changed' })).toHaveLength(1);

    const anon = f.ctx(null);
    await expect(changePassword(anon, u.id, { original_password: 'wrong', password: 'x' })).rejects.toMatchObject({ status: 401 });
    await expect(changePassword(anon, u.id, { original_password: 'new-pw' } as never)).rejects.toMatchObject({ status: 400, field: 'user.password' });
    expect(await revocations({ userId: u.id, reason: 'password changed' })).toHaveLength(1);
    await changePassword(anon, u.id, { original_password: 'new-pw', password: 'newer-pw' });
    expect(await revocations({ userId: u.id, reason: 'password changed' })).toHaveLength(2);
    const stored = await f.t.db.user.findUniqueOrThrow({ where: { id: u.id } });
    expect(await verifyPassword(stored.passwordHash, 'newer-pw')).toBe(true);
  });

  it('lets users read themselves and their projects, nobody else', async () => {
    const demo = f.ctx(f.demo);
    expect((await getUser(demo, f.demo.userId)).name).toBe('demo');
    expect((await listUserProjects(demo, f.demo.userId)).map((p) => p.name)).toEqual(['demo']);
    expect(await listUserGroups(demo, f.demo.userId)).toEqual([]);
    await expect(getUser(demo, f.carolId)).rejects.toMatchObject({ status: 403 });
    await expect(listUserProjects(demo, f.carolId)).rejects.toMatchObject({ status: 403 });
    await expect(updateUser(demo, f.carolId, { enabled: false })).rejects.toMatchObject({ status: 403 });
    await expect(updateUser(demo, f.demo.userId, { name: 'root' })).rejects.toMatchObject({ status: 403 });
    await expect(listUsers(demo)).rejects.toMatchObject({ status: 403 });
    await expect(createUser(demo, { name: 'mallory' })).rejects.toMatchObject({ status: 403 });
    expect((await f.t.db.user.findUniqueOrThrow({ where: { id: f.carolId } })).enabled).toBe(true);
  });
});
