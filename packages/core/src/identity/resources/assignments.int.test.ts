import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixture, type Fixture } from './test-fixture.js';
import { createProject } from './projects.js';
import { createUser } from './users.js';
import { addUserToGroup, checkUserInGroup, createGroup, deleteGroup, listUsersInGroup, removeUserFromGroup } from './groups.js';
import {
  createImpliedRole,
  createRole,
  deleteImpliedRole,
  deleteRole,
  getImpliedRole,
  listImpliedRoles,
  listRoleInferences,
  listRoles,
  updateRole,
} from './roles.js';
import { checkGrant, createGrant, deleteGrant, listGrants } from './grants.js';
import { listRoleAssignments } from './role-assignments.js';
import { roleAssignmentView } from './role-assignment-view.js';

let f: Fixture;
beforeAll(async () => {
  f = await createFixture('resources-assignments');
});
afterAll(async () => {
  await f?.cleanup();
});

const role = (name: string) => f.seeded.roles[name] ?? '';
const BASE = 'http://h/identity';

describe('roles and implied roles', () => {
  it('lists the seeded roles and their inferences', async () => {
    const admin = f.ctx(f.admin);
    expect((await listRoles(admin)).items.map((r) => r.name)).toEqual(['admin', 'member', 'reader']);
    expect((await listRoles(admin, { name: 'member' })).items).toHaveLength(1);
    const inferences = await listRoleInferences(admin);
    expect(inferences.map((i) => `${i.prior.name}>${i.implies.map((r) => r.name).join(',')}`)).toEqual(['admin>member', 'member>reader']);
    expect((await listImpliedRoles(admin, role('member'))).implies.map((r) => r.name)).toEqual(['reader']);
    await expect(listRoles(f.ctx(f.demo))).rejects.toMatchObject({ status: 403 });
  });

  it('creates, updates, implies and deletes roles', async () => {
    const admin = f.ctx(f.admin);
    const r = await createRole(admin, { name: 'auditor', description: 'reads logs' });
    await expect(createRole(admin, { name: 'auditor' })).rejects.toMatchObject({ status: 409 });
    await expect(createRole(admin, { name: '' })).rejects.toMatchObject({ status: 400, field: 'name' });
    expect((await updateRole(admin, r.id, { description: 'reads audit logs' })).description).toBe('reads audit logs');
    await createImpliedRole(admin, r.id, role('reader'));
    await expect(getImpliedRole(admin, r.id, role('reader'))).resolves.toBeTruthy();
    await expect(createImpliedRole(admin, r.id, role('admin'))).rejects.toMatchObject({ status: 403 });
    await deleteImpliedRole(admin, r.id, role('reader'));
    await expect(getImpliedRole(admin, r.id, role('reader'))).rejects.toMatchObject({ status: 404 });
    await deleteRole(admin, r.id);
    await expect(createRole(f.ctx(f.demo), { name: 'x' })).rejects.toMatchObject({ status: 403 });
  });
});

describe('grants and role assignments', () => {
  it('grants, checks, lists and revokes a user role on a project', async () => {
    const admin = f.ctx(f.admin);
    const p = await createProject(admin, { name: 'grant-p' });
    const u = await createUser(admin, { name: 'grant-u', password: 'x' });
    const ref = { actor: { userId: u.id }, scope: { projectId: p.id } };
    await Promise.all([1, 2, 3, 4].map(() => createGrant(admin, ref, role('member'))));
    await createGrant(admin, ref, role('member'));
    expect(await f.t.db.roleAssignment.count({ where: { userId: u.id, projectId: p.id } })).toBe(1);
    await checkGrant(admin, ref, role('member'));
    await expect(checkGrant(admin, ref, role('admin'))).rejects.toMatchObject({ status: 404 });
    expect((await listGrants(admin, ref)).map((r) => r.name)).toEqual(['member']);
    await expect(createGrant(admin, ref, 'nope')).rejects.toMatchObject({ status: 404, message: 'Could not find role: nope.' });
    await expect(createGrant(admin, { actor: { userId: 'nope' }, scope: { projectId: p.id } }, role('member'))).rejects.toMatchObject({ status: 404 });

    const direct = await listRoleAssignments(admin, { projectId: p.id, includeNames: true });
    expect(direct.page.items).toHaveLength(1);
    const [view] = direct.page.items.map((e) => roleAssignmentView(e, direct.names, BASE));
    expect(view).toEqual({
      links: { assignment: `${BASE}/v3/projects/${p.id}/users/${u.id}/roles/${role('member')}` },
      role: { id: role('member'), name: 'member' },
      scope: { project: { domain: { id: 'default', name: 'Default' }, id: p.id, name: 'grant-p' } },
      user: { domain: { id: 'default', name: 'Default' }, id: u.id, name: 'grant-u' },
    });

    const effective = await listRoleAssignments(admin, { projectId: p.id, effective: true });
    const roles = effective.page.items.map((e) => [e.roleId, e.indirect.roleId ?? null]);
    expect(roles).toEqual(expect.arrayContaining([[role('member'), null], [role('reader'), role('member')]]));
    const reader = effective.page.items.find((e) => e.roleId === role('reader'));
    expect(roleAssignmentView(reader!, null, BASE).links).toEqual({
      assignment: `${BASE}/v3/projects/${p.id}/users/${u.id}/roles/${role('member')}`,
      prior_role: `${BASE}/v3/roles/${role('member')}`,
    });

    await deleteGrant(admin, ref, role('member'));
    expect(await f.t.db.revocationEvent.count({ where: { userId: u.id, projectId: p.id, reason: 'role assignment removed' } })).toBe(1);
    await expect(deleteGrant(admin, ref, role('member'))).rejects.toMatchObject({ status: 404 });
  });

  it('expands groups and inheritance in effective mode', async () => {
    const admin = f.ctx(f.admin);
    const p = await createProject(admin, { name: 'team-p' });
    const child = await createProject(admin, { name: 'team-child', parent_id: p.id });
    const g = await createGroup(admin, { name: 'team' });
    const u1 = await createUser(admin, { name: 'team-1' });
    const u2 = await createUser(admin, { name: 'team-2' });
    await addUserToGroup(admin, g.id, u1.id);
    await addUserToGroup(admin, g.id, u2.id);
    await checkUserInGroup(admin, g.id, u1.id);
    expect((await listUsersInGroup(admin, g.id)).map((u) => u.name)).toEqual(['team-1', 'team-2']);
    await createGrant(admin, { actor: { groupId: g.id }, scope: { projectId: p.id } }, role('reader'));
    await createGrant(admin, { actor: { userId: u1.id }, scope: { projectId: p.id }, inherited: true }, role('reader'));

    const raw = await listRoleAssignments(admin, { groupId: g.id });
    expect(raw.page.items).toHaveLength(1);
    expect(roleAssignmentView(raw.page.items[0]!, null, BASE)).toMatchObject({ group: { id: g.id }, scope: { project: { id: p.id } } });

    const forU1 = await listRoleAssignments(admin, { userId: u1.id, effective: true });
    const views = forU1.page.items.map((e) => roleAssignmentView(e, null, BASE));
    expect(views).toContainEqual({
      links: {
        assignment: `${BASE}/v3/projects/${p.id}/groups/${g.id}/roles/${role('reader')}`,
        membership: `${BASE}/v3/groups/${g.id}/users/${u1.id}`,
      },
      role: { id: role('reader') },
      scope: { project: { id: p.id } },
      user: { id: u1.id },
    });
    expect(views).toContainEqual({
      links: { assignment: `${BASE}/v3/OS-INHERIT/projects/${p.id}/users/${u1.id}/roles/${role('reader')}/inherited_to_projects` },
      role: { id: role('reader') },
      scope: { project: { id: child.id } },
      user: { id: u1.id },
    });
    const subtree = await listRoleAssignments(admin, { projectId: p.id, includeSubtree: true, effective: true });
    expect(new Set(subtree.page.items.map((e) => e.projectId))).toEqual(new Set([p.id, child.id]));

    await expect(listRoleAssignments(admin, { groupId: g.id, effective: true })).rejects.toMatchObject({ status: 400 });
    await expect(listRoleAssignments(admin, { includeSubtree: true })).rejects.toMatchObject({ status: 400 });

    await removeUserFromGroup(admin, g.id, u2.id);
    expect(await f.t.db.revocationEvent.count({ where: { userId: u2.id, projectId: p.id, reason: 'group membership removed' } })).toBe(1);
    await expect(removeUserFromGroup(admin, g.id, u2.id)).rejects.toMatchObject({ status: 404 });

    await deleteGrant(admin, { actor: { groupId: g.id }, scope: { projectId: p.id } }, role('reader'));
    expect(await f.t.db.revocationEvent.count({ where: { userId: u1.id, projectId: p.id, reason: 'role assignment removed' } })).toBe(1);
    await deleteGroup(admin, g.id);
  });

  it('keeps members away from other projects\' assignments', async () => {
    const demo = f.ctx(f.demo);
    const carolRef = { actor: { userId: f.carolId }, scope: { projectId: f.otherProjectId } };
    await expect(listRoleAssignments(demo, { projectId: f.otherProjectId })).rejects.toMatchObject({ status: 403 });
    await expect(listGrants(demo, carolRef)).rejects.toMatchObject({ status: 403 });
    await expect(checkGrant(demo, carolRef, role('member'))).rejects.toMatchObject({ status: 403 });
    await expect(deleteGrant(demo, carolRef, role('member'))).rejects.toMatchObject({ status: 403 });
    await expect(createGrant(demo, { actor: { userId: f.demo.userId }, scope: { projectId: f.otherProjectId } }, role('admin'))).rejects.toMatchObject({
      status: 403,
    });
    expect(await f.t.db.roleAssignment.count({ where: { userId: f.carolId } })).toBe(1);
    expect(await f.t.db.roleAssignment.count({ where: { userId: f.demo.userId, projectId: f.otherProjectId } })).toBe(0);
  });
});
