// Prisma 6 config used ONLY for migrations (Prisma 7 needs a downloaded Rust schema engine; 6.19's
// WASM engine runs offline through a driver adapter). Loaded by scripts/db/prisma.mjs, which sets
// NIMBUS_MIGRATE_SCHEMA (a copy of prisma/schema.prisma with the url Prisma 6 wants) and
// NIMBUS_MIGRATIONS_DIR. Never used by the application, which runs on the Prisma 7 client.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { defineConfig } from 'prisma6/config';
import { PrismaPg } from '@prisma/adapter-pg6';

// The schema engine introspects pg_catalog, whose columns use internal types (char, name,
// int2vector, xid, oidvector, pg_node_tree, char[], name[]) that adapter-pg 6 refuses
// ("Column type 'name' could not be deserialized", prisma/orm#27403). The adapter picks column
// types and value parsers from each field's type oid, and overrides the pool's type parsers per
// query, so the oid itself is rewritten to text / text[] where pg describes the result.
const TEXT = 25;
const TEXT_ARRAY = 1009;
const AS_TEXT = new Map<number, number>([
  [18, TEXT], [19, TEXT], [22, TEXT], [28, TEXT], [30, TEXT], [194, TEXT],
  [1002, TEXT_ARRAY], [1003, TEXT_ARRAY],
]);
type FieldDescription = { dataTypeID: number };
const resultProto = (pg as unknown as { Result: { prototype: { addFields(f: FieldDescription[]): void } } }).Result
  .prototype;
const addFields = resultProto.addFields;
resultProto.addFields = function (fields: FieldDescription[]) {
  for (const field of fields) field.dataTypeID = AS_TEXT.get(field.dataTypeID) ?? field.dataTypeID;
  return addFields.call(this, fields);
};

// The WASM engine races its advisory lock against a 10 s setTimeout it never clears, so every
// `migrate deploy` would linger 10 s after finishing. Those timers only bound other awaited work
// (a socket keeps the process alive meanwhile), so timers scheduled from WASM frames are unref'd.
const setTimeoutOriginal = globalThis.setTimeout;
globalThis.setTimeout = function (this: unknown, ...args: Parameters<typeof setTimeout>) {
  const timer = setTimeoutOriginal.apply(this, args);
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 4;
  const stack = new Error().stack ?? '';
  Error.stackTraceLimit = limit;
  if (stack.includes('wasm://')) timer.unref();
  return timer;
} as typeof setTimeout;

// A connection string would override the `database` field the adapter sets for the shadow
// database, so the adapter gets discrete fields.
function poolConfig(url: string, database?: string): pg.PoolConfig {
  const u = new URL(url);
  return {
    host: decodeURIComponent(u.hostname),
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username || 'postgres'),
    password: u.password ? decodeURIComponent(u.password) : undefined,
    database: database ?? decodeURIComponent(u.pathname.slice(1)),
    max: 2,
    // Prisma never closes the main adapter; idle sockets would keep the CLI alive for 10 s.
    allowExitOnIdle: true,
  };
}

// The stock shadow database is dropped before its pool is closed, which PostgreSQL refuses while
// connections are open; this one closes the pool first and drops with FORCE.
class MigrationPg extends PrismaPg {
  constructor(private readonly url: string) {
    super(poolConfig(url));
  }

  override async connectToShadowDb() {
    const name = `nimbus_shadow_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client(poolConfig(this.url));
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE "${name}"`);
    } finally {
      await admin.end();
    }
    const adapter = await new PrismaPg(poolConfig(this.url, name)).connect();
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      const dropper = new pg.Client(poolConfig(this.url));
      await dropper.connect();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    };
    return adapter;
  }
}

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: process.env.NIMBUS_MIGRATE_SCHEMA ?? 'prisma/schema.prisma',
  migrations: { path: process.env.NIMBUS_MIGRATIONS_DIR ?? 'prisma/migrations' },
  async adapter() {
    return new MigrationPg(process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/nimbus');
  },
});
