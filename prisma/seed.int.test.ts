import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@nimbus/db/test-db';
import { verifyPassword } from '@nimbus/core/identity/password';
import { seed } from './seed';

const BASE = 'http://127.0.0.1:3999';

async function counts(t: TestDatabase) {
  const [domains, projects, users, roles, implied, assignments, regions, services, endpoints] = await Promise.all([
    t.db.domain.count(),
    t.db.project.count(),
    t.db.user.count(),
    t.db.role.count(),
    t.db.impliedRole.count(),
    t.db.roleAssignment.count(),
    t.db.region.count(),
    t.db.service.count(),
    t.db.endpoint.count(),
  ]);
  return { domains, projects, users, roles, implied, assignments, regions, services, endpoints };
}

describe('seed', () => {
  let t: TestDatabase;
  const passwords = { adminPassword: 'admin-secret', demoPassword: 'demo-secret', servicePassword: 'svc-secret' };

  beforeAll(async () => {
    t = await createTestDatabase();
  });

  afterAll(async () => {
    await t?.drop();
  });

  it('creates the bootstrap data, and a second run changes nothing', async () => {
    const first = await seed(t.db, { publicUrl: BASE, ...passwords });
    expect(first.changes.length).toBeGreaterThan(0);
    const before = await counts(t);
    expect(before).toEqual({
      domains: 1, projects: 3, users: 7, roles: 3, implied: 2, assignments: 7, regions: 1, services: 7, endpoints: 21,
    });
    const hashes = await t.db.user.findMany({ select: { id: true, passwordHash: true }, orderBy: { id: 'asc' } });

    const second = await seed(t.db, { publicUrl: BASE, ...passwords });
    expect(second.changes).toEqual([]);
    expect(await counts(t)).toEqual(before);
    expect(second.users).toEqual(first.users);
    // No re-hash when the password still verifies.
    expect(await t.db.user.findMany({ select: { id: true, passwordHash: true }, orderBy: { id: 'asc' } })).toEqual(hashes);
  });

  it('has the Keystone role shape: admin → member → reader', async () => {
    const implied = await t.db.impliedRole.findMany({ include: { prior: true, implied: true } });
    expect(implied.map((r) => `${r.prior.name}>${r.implied.name}`).sort()).toEqual(['admin>member', 'member>reader']);

    const grants = await t.db.roleAssignment.findMany({ include: { role: true, user: true, project: true } });
    const shape = grants.map((g) => `${g.user?.name}:${g.role.name}@${g.project?.name}`).sort();
    expect(shape).toEqual([
      'admin:admin@admin', 'cinder:admin@service', 'demo:member@demo', 'glance:admin@service',
      'neutron:admin@service', 'nova:admin@service', 'swift:admin@service',
    ]);
    const admin = await t.db.user.findFirstOrThrow({ where: { name: 'admin' }, include: { defaultProject: true, domain: true } });
    expect(admin.defaultProject?.name).toBe('admin');
    expect(admin.domain).toMatchObject({ id: 'default', name: 'Default' });
    expect(await verifyPassword(admin.passwordHash, 'admin-secret')).toBe(true);
  });

  it('has the DevStack catalog with three interfaces per service', async () => {
    const services = await t.db.service.findMany({ include: { endpoints: true }, orderBy: { type: 'asc' } });
    const byType = Object.fromEntries(services.map((s) => [s.type, s]));
    expect(services.map((s) => `${s.name}/${s.type}`).sort()).toEqual([
      'cinder/block-storage', 'cinder/volumev3', 'glance/image', 'keystone/identity',
      'neutron/network', 'nova/compute', 'swift/object-store',
    ]);
    for (const s of services) {
      expect(s.endpoints.map((e) => e.interface).sort()).toEqual(['admin', 'internal', 'public']);
      expect(new Set(s.endpoints.map((e) => e.regionId))).toEqual(new Set(['RegionOne']));
      expect(new Set(s.endpoints.map((e) => e.url)).size).toBe(1);
    }
    const url = (type: string) => byType[type]!.endpoints[0]!.url;
    expect(url('identity')).toBe(`${BASE}/identity`);
    expect(url('compute')).toBe(`${BASE}/compute/v2.1`);
    expect(url('network')).toBe(`${BASE}/network`);
    expect(url('image')).toBe(`${BASE}/image`);
    expect(url('block-storage')).toBe(`${BASE}/volume/v3/$(project_id)s`);
    expect(url('volumev3')).toBe(`${BASE}/volume/v3/$(project_id)s`);
    expect(url('object-store')).toBe(`${BASE}/object/v1/AUTH_$(project_id)s`);
  });

  it('moves endpoints to a new public URL and resets a changed password, without duplicating', async () => {
    const before = await counts(t);
    const result = await seed(t.db, { publicUrl: 'http://127.0.0.1:4000/', ...passwords, demoPassword: 'rotated' });
    expect(result.changes.filter((c) => c.startsWith('updated endpoint'))).toHaveLength(21);
    expect(result.changes).toContain('updated user demo (passwordHash, passwordChangedAt)');
    expect(await counts(t)).toEqual(before);
    const identity = await t.db.endpoint.findMany({ where: { service: { type: 'identity' } } });
    expect(identity.every((e) => e.url === 'http://127.0.0.1:4000/identity')).toBe(true);
    const demo = await t.db.user.findFirstOrThrow({ where: { name: 'demo' } });
    expect(await verifyPassword(demo.passwordHash, 'rotated')).toBe(true);
  });
});
