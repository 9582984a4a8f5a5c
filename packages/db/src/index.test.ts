import { describe, expect, it } from 'vitest';
import { createDb, disconnectDb, getDb } from './index';

// Prisma and pg connect lazily, so none of this touches PostgreSQL.
describe('db factory', () => {
  it('getDb() is one client per process until disconnectDb()', async () => {
    const first = getDb();
    expect(getDb()).toBe(first);
    await disconnectDb();
    const second = getDb();
    expect(second).not.toBe(first);
    await disconnectDb();
    await disconnectDb();
  });

  it('createDb() always makes a new client', async () => {
    const a = createDb('postgresql://postgres@127.0.0.1:5432/nimbus_unused', { poolSize: 1 });
    const b = createDb('postgresql://postgres@127.0.0.1:5432/nimbus_unused', { poolSize: 1 });
    expect(a).not.toBe(b);
    await Promise.all([a.$disconnect(), b.$disconnect()]);
  });
});
