import { createDb } from '@nimbus/db';
import { loadConfig } from '@nimbus/core/config';
import { createLogger } from '@nimbus/core/logger';
import { startWorker } from './app.js';
import { parseWorkerEnv } from './settings.js';

/** The controller's background worker process (see startWorker). */
const config = loadConfig();
const log = createLogger('worker', config.LOG_LEVEL);
let settings;
try {
  settings = parseWorkerEnv(process.env);
} catch (err) {
  log.fatal({ err: (err as Error).message }, 'invalid worker environment');
  process.exit(78);
}
const db = createDb(config.DATABASE_URL);
const worker = await startWorker({ db, redisUrl: config.REDIS_URL, prefix: config.REDIS_PREFIX, settings, log });

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'worker stopping');
  // Consumers and timers first, Redis and the database last, so no job is left holding a lock.
  await worker.close();
  await db.$disconnect();
  log.info('worker stopped');
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
