import { Redis } from 'ioredis';
import { createDb } from '@nimbus/db';
import { loadConfig, createLogger, type Config, type Logger } from '@nimbus/core';
import { TokenService } from '@nimbus/core/identity/token-service';
import { createJobProducer, type JobProducer } from '@nimbus/core/jobs/producer';
import type { PrismaClient } from '@nimbus/db';

export interface Runtime {
  config: Config;
  log: Logger;
  db: PrismaClient;
  redis: Redis;
  tokens: TokenService;
  jobs: JobProducer;
}

// Next bundles route handlers apart from server.ts; a global keeps one runtime per process.
const KEY = Symbol.for('nimbus.runtime');
type WithRuntime = typeof globalThis & { [KEY]?: Runtime };

export function createRuntime(config: Config): Runtime {
  const log = createLogger('web', config.LOG_LEVEL);
  const db = createDb(config.DATABASE_URL);
  const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 2, enableAutoPipelining: true });
  redis.on('error', (err) => log.error({ err }, 'redis error'));
  const tokens = new TokenService({ db, redis, keyPrefix: config.REDIS_PREFIX, expiration: config.TOKEN_EXPIRATION });
  // BullMQ needs a connection that waits out reconnects rather than failing commands.
  const jobs = createJobProducer(new Redis(config.REDIS_URL, { maxRetriesPerRequest: null }), config.REDIS_PREFIX);
  return { config, log, db, redis, tokens, jobs };
}

/** Makes `rt` the process's runtime (integration tests build one on their own database). */
export function installRuntime(rt: Runtime): void {
  (globalThis as WithRuntime)[KEY] = rt;
}

/** The process's shared services: config, logger, database, Redis and the token service. */
export function runtime(): Runtime {
  const g = globalThis as WithRuntime;
  g[KEY] ??= createRuntime(loadConfig());
  return g[KEY];
}

export async function closeRuntime(): Promise<void> {
  const g = globalThis as WithRuntime;
  const rt = g[KEY];
  if (!rt) return;
  delete g[KEY];
  await rt.jobs.close().catch(() => undefined);
  await rt.redis.quit().catch(() => undefined);
  await rt.db.$disconnect();
}
