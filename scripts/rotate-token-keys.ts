/**
 * Rotates the token encryption keys (like `keystone-manage fernet_rotate`): a new primary key
 * encrypts from now on; the newest KEEP keys (default 3) still decrypt; older ones are retired
 * and tokens made with them stop validating. Every process drops its cached key ring at once.
 *
 *   npm run keys:rotate [-- --keep 3]
 */
import { Redis } from 'ioredis';
import { createDb } from '@nimbus/db';
import { loadConfig } from '@nimbus/core';
import { rotateKeys } from '@nimbus/core/identity/token-keys';
import { bumpGeneration } from '@nimbus/core/identity/generation';

const config = loadConfig();
const keepArg = process.argv.indexOf('--keep');
const keep = keepArg > 0 ? Number(process.argv[keepArg + 1]) : 3;
if (!Number.isInteger(keep) || keep < 1) {
  process.stderr.write('--keep must be a whole number of keys, at least 1\n');
  process.exit(2);
}
const db = createDb(config.DATABASE_URL);
const redis = new Redis(config.REDIS_URL);
try {
  const kid = await rotateKeys(db, keep);
  await bumpGeneration(redis, config.REDIS_PREFIX);
  const live = await db.tokenKey.count({ where: { retiredAt: null } });
  process.stdout.write(`token keys rotated: new primary ${kid}; ${live} key(s) decrypt\n`);
} finally {
  await redis.quit();
  await db.$disconnect();
}
