import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client';

export * from './generated/client';

export const DEFAULT_DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/nimbus';

export interface DbOptions {
  /** Connections in this client's pool (default DATABASE_POOL_SIZE, else 10). */
  poolSize?: number;
}

function defaultPoolSize(): number {
  const fromEnv = Number(process.env.DATABASE_POOL_SIZE);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : 10;
}

/** A new Prisma client on its own pg pool. Callers own it: `await client.$disconnect()` when done. */
export function createDb(url?: string, options: DbOptions = {}): PrismaClient {
  const connectionString = url ?? process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
  const adapter = new PrismaPg({ connectionString, max: options.poolSize ?? defaultPoolSize() });
  return new PrismaClient({ adapter });
}

// Kept on globalThis so bundlers that load this module twice (Next route handlers, dev reloads)
// still share one pool per process.
const KEY = Symbol.for('nimbus.db');
type WithDb = typeof globalThis & { [KEY]?: PrismaClient };

/** The process-wide client, created on first use from DATABASE_URL. */
export function getDb(): PrismaClient {
  const g = globalThis as WithDb;
  g[KEY] ??= createDb();
  return g[KEY];
}

/** Closes the process-wide client, if one was created; the next getDb() makes a fresh one. */
export async function disconnectDb(): Promise<void> {
  const g = globalThis as WithDb;
  const client = g[KEY];
  delete g[KEY];
  await client?.$disconnect();
}
