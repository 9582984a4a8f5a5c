import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';

/** A Redis connection and a prefix of its own for one test file; `cleanup` deletes its keys. */
export function testRedis(name: string) {
  const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const prefix = `test-${name}-${randomUUID().slice(0, 8)}`;
  const redis = new Redis(url, { maxRetriesPerRequest: null });
  return {
    redis,
    prefix,
    async cleanup(): Promise<void> {
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
    },
  };
}
