import { afterAll, describe, expect, it } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { consumeConsoleToken, issueConsoleToken } from './tokens';

const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const prefix = `test-${randomBytes(6).toString('hex')}`;
const record = { instanceId: 'i-1', projectId: 'p-1', userId: 'u-1', userName: 'demo', host: '127.0.0.1', port: 10000 };

afterAll(async () => {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
});

describe('console tokens', () => {
  it('stores only the hash of a 32-byte base64url token, with the TTL', async () => {
    const { token, expiresAt } = await issueConsoleToken(redis, prefix, record, 600);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    const key = `${prefix}:console-token:${createHash('sha256').update(token).digest('hex')}`;
    expect(await redis.keys(`${prefix}:*`)).toContain(key);
    expect(await redis.ttl(key)).toBeGreaterThan(590);
    expect(JSON.parse((await redis.get(key)) as string)).toEqual({ ...record, expires: expiresAt.toISOString() });
    expect(await redis.get(`${prefix}:console-token:${token}`)).toBeNull();
  });

  it('is consumed once', async () => {
    const { token } = await issueConsoleToken(redis, prefix, record, 600);
    expect(await consumeConsoleToken(redis, prefix, token)).toMatchObject(record);
    expect(await consumeConsoleToken(redis, prefix, token)).toBeNull();
  });

  it('refuses unknown, empty and expired tokens', async () => {
    expect(await consumeConsoleToken(redis, prefix, 'nope')).toBeNull();
    expect(await consumeConsoleToken(redis, prefix, '')).toBeNull();
    const { token, expiresAt } = await issueConsoleToken(redis, prefix, record, 600);
    // Redis still holds it (clock skew between web processes): the recorded expiry decides.
    expect(await consumeConsoleToken(redis, prefix, token, expiresAt.getTime() + 1)).toBeNull();
  });
});
