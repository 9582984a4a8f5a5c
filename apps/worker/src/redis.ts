import { Redis } from 'ioredis';

/**
 * BullMQ workers block on Redis, so commands must wait for a reconnect instead of failing after
 * a few retries (`maxRetriesPerRequest: null`, required by BullMQ).
 */
export function createRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, lazyConnect: false });
}
