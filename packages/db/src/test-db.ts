import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createDb, DEFAULT_DATABASE_URL, type DbOptions } from './index';
import type { PrismaClient } from './generated/client';

const MIGRATIONS_DIR = fileURLToPath(new URL('../../../prisma/migrations', import.meta.url));
const PREFIX = 'nimbus_test_';
// Databases left by a crashed run are dropped by a later run once they are this old.
const STALE_AFTER_S = 6 * 60 * 60;

export interface TestDatabase {
  name: string;
  url: string;
  /** A client on the test database (small pool); closed by drop(). */
  db: PrismaClient;
  /** Closes the client and drops the database, even if other connections are still open. */
  drop(): Promise<void>;
}

export interface TestDatabaseOptions extends DbOptions {
  /** Server to create the database on (only host, port and credentials are used). */
  baseUrl?: string;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** The migration.sql files in the order Prisma applies them (directory names start with a timestamp). */
export function migrationFiles(dir = MIGRATIONS_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => path.join(dir, entry.name, 'migration.sql'))
    .filter((file) => existsSync(file))
    .sort();
}

async function withAdmin<T>(baseUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: withDatabase(baseUrl, 'postgres') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function dropStale(admin: pg.Client): Promise<void> {
  const { rows } = await admin.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname LIKE '${PREFIX}%'`,
  );
  const now = Math.floor(Date.now() / 1000);
  for (const { datname } of rows) {
    const created = Number(datname.slice(PREFIX.length).split('_')[0]);
    if (Number.isInteger(created) && now - created > STALE_AFTER_S) {
      await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => undefined);
    }
  }
}

/**
 * A fresh database with every migration applied, for one integration test file. Migrations are
 * executed straight from prisma/migrations with pg (no Prisma CLI), which takes milliseconds.
 */
export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const baseUrl = options.baseUrl ?? process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
  const name = `${PREFIX}${Math.floor(Date.now() / 1000)}_${randomBytes(4).toString('hex')}`;
  const url = withDatabase(baseUrl, name);

  await withAdmin(baseUrl, async (admin) => {
    await dropStale(admin);
    await admin.query(`CREATE DATABASE "${name}"`);
  });

  const migrator = new pg.Client({ connectionString: url });
  try {
    await migrator.connect();
    for (const file of migrationFiles()) {
      try {
        await migrator.query(readFileSync(file, 'utf8'));
      } catch (error) {
        throw new Error(`applying ${path.relative(process.cwd(), file)} to ${name}: ${(error as Error).message}`, {
          cause: error,
        });
      }
    }
  } catch (error) {
    await migrator.end().catch(() => undefined);
    await withAdmin(baseUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    throw error;
  }
  await migrator.end();

  const db = createDb(url, { poolSize: options.poolSize ?? 4 });
  let dropped = false;
  return {
    name,
    url,
    db,
    async drop() {
      if (dropped) return;
      dropped = true;
      await db.$disconnect();
      await withAdmin(baseUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}
