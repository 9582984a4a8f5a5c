import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActorType, EndpointInterface, TargetType } from './index';
import { createTestDatabase, migrationFiles, type TestDatabase } from './test-db';

describe('createTestDatabase', () => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await createTestDatabase();
  }, 30_000);

  afterAll(async () => {
    await t?.drop();
  });

  it('applies every migration', async () => {
    expect(migrationFiles().length).toBeGreaterThan(0);
    const tables = await t.db.$queryRaw<{ tablename: string }[]>`
      SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`;
    expect(tables.map((r) => r.tablename)).toEqual(expect.arrayContaining(['Domain', 'Project', 'User', 'Role', 'Endpoint']));
  });

  it('gives a working Prisma client, enums included', async () => {
    const domain = await t.db.domain.create({ data: { id: 'd1', name: 'Default' } });
    const project = await t.db.project.create({ data: { id: 'p1', name: 'admin', domainId: domain.id } });
    const user = await t.db.user.create({ data: { id: 'u1', name: 'admin', domainId: domain.id } });
    const role = await t.db.role.create({ data: { id: 'r1', name: 'admin' } });
    await t.db.roleAssignment.create({
      data: { id: 'a1', roleId: role.id, actorType: ActorType.USER, userId: user.id, targetType: TargetType.PROJECT, projectId: project.id },
    });
    const service = await t.db.service.create({ data: { id: 's1', type: 'identity', name: 'keystone' } });
    await t.db.endpoint.create({
      data: { id: 'e1', serviceId: service.id, interface: EndpointInterface.public, url: 'http://127.0.0.1:3000/identity' },
    });

    const found = await t.db.user.findUnique({
      where: { domainId_name: { domainId: domain.id, name: 'admin' } },
      include: { assignments: { include: { role: true, project: true } } },
    });
    expect(found?.assignments.map((a) => [a.role.name, a.project?.name])).toEqual([['admin', 'admin']]);
    expect((await t.db.endpoint.findFirstOrThrow()).interface).toBe('public');
  });

  it('drop() removes the database', async () => {
    const extra = await createTestDatabase();
    await extra.db.role.count();
    await extra.drop();
    await extra.drop();
    const admin = new pg.Client({ connectionString: t.url });
    await admin.connect();
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [extra.name]);
    await admin.end();
    expect(rowCount).toBe(0);
  }, 30_000);
});
