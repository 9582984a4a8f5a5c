import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { createTestDatabase, type TestDatabase } from '@nimbus/db/test-db';
import { newId } from '@nimbus/shared';
import { seed, type SeedResult } from '../../../../../prisma/seed/index';
import type { AuthContext, RequestContext } from '../context.js';
import { createJobProducer } from '../../jobs/producer.js';

/**
 * For the resource integration tests: a migrated, seeded database of their own, a Redis prefix of
 * their own, and three callers: the cloud admin (admin on `admin`), `demo` (member of `demo`) and
 * `carol` (member of a project `other`), each as a project-scoped token would describe them.
 */
export interface Fixture {
  t: TestDatabase;
  redis: Redis;
  prefix: string;
  seeded: SeedResult;
  otherProjectId: string;
  carolId: string;
  admin: AuthContext;
  demo: AuthContext;
  carol: AuthContext;
  ctx(auth: AuthContext | null): RequestContext;
  cleanup(): Promise<void>;
}

const log = pino({ level: 'silent' });

export function authFor(
  user: { id: string; name: string },
  project: { id: string; name: string },
  roles: Array<{ id: string; name: string }>,
  extra: Partial<AuthContext> = {},
): AuthContext {
  const now = new Date();
  return {
    userId: user.id,
    userName: user.name,
    userDomainId: 'default',
    projectId: project.id,
    projectName: project.name,
    projectDomainId: 'default',
    roles: roles.map((r) => r.name),
    roleIds: roles.map((r) => r.id),
    methods: ['password'],
    auditIds: [randomUUID()],
    issuedAt: now,
    expiresAt: new Date(now.getTime() + 3600_000),
    isAdmin: roles.some((r) => r.name === 'admin'),
    ...extra,
  };
}

export async function createFixture(name: string): Promise<Fixture> {
  const t = await createTestDatabase();
  const seeded = await seed(t.db, { publicUrl: 'http://127.0.0.1:3999', adminPassword: 'admin', demoPassword: 'demo', servicePassword: 'service' });
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
  const prefix = `test-${name}-${randomUUID().slice(0, 8)}`;
  const jobs = createJobProducer(redis.duplicate(), prefix);

  const role = (n: string) => ({ id: seeded.roles[n] ?? '', name: n });
  const otherProjectId = newId();
  await t.db.project.create({ data: { id: otherProjectId, name: 'other', domainId: 'default' } });
  const carolId = newId();
  await t.db.user.create({ data: { id: carolId, name: 'carol', domainId: 'default' } });
  await t.db.roleAssignment.create({
    data: { id: newId(), roleId: role('member').id, actorType: 'USER', userId: carolId, targetType: 'PROJECT', projectId: otherProjectId },
  });

  const member = [role('member'), role('reader')];
  const admin = authFor({ id: seeded.users.admin ?? '', name: 'admin' }, { id: seeded.projects.admin ?? '', name: 'admin' }, [role('admin'), ...member]);
  const demo = authFor({ id: seeded.users.demo ?? '', name: 'demo' }, { id: seeded.projects.demo ?? '', name: 'demo' }, member);
  const carol = authFor({ id: carolId, name: 'carol' }, { id: otherProjectId, name: 'other' }, member);

  return {
    t,
    redis,
    prefix,
    seeded,
    otherProjectId,
    carolId,
    admin,
    demo,
    carol,
    ctx: (auth) => ({ db: t.db, redis, keyPrefix: prefix, jobs, requestId: `req-${randomUUID()}`, log, auth, source: 'system' }),
    async cleanup() {
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      await jobs.close();
      await redis.quit();
      await t.drop();
    },
  };
}
