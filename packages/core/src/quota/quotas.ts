import { Prisma } from '@nimbus/db';
import { OverQuota } from '@nimbus/shared';
import type { Tx } from '../identity/resources/common.js';
import { loadConfig, type Config } from '../config.js';

/**
 * Compute quotas (Nova's): limits come from config defaults, overridden cloud-wide by QuotaDefault
 * rows and per project by QuotaLimit rows; usage is always derived from live rows, never stored,
 * so a failed, rescheduled or deleted instance cannot leak any. -1 means unlimited.
 */
export const QUOTA_RESOURCES = [
  'instances',
  'cores',
  'ram',
  'key_pairs',
  'metadata_items',
  'server_groups',
  'server_group_members',
  'injected_files',
  'injected_file_content_bytes',
  'injected_file_path_bytes',
] as const;
export type QuotaResource = (typeof QUOTA_RESOURCES)[number];
export type QuotaValues = Record<QuotaResource, number>;

export function isQuotaResource(name: string): name is QuotaResource {
  return (QUOTA_RESOURCES as readonly string[]).includes(name);
}

export function configDefaults(config: Pick<Config, 'QUOTA_INSTANCES' | 'QUOTA_CORES' | 'QUOTA_RAM' | 'QUOTA_KEY_PAIRS' | 'QUOTA_METADATA_ITEMS'> = loadConfig()): QuotaValues {
  return {
    instances: config.QUOTA_INSTANCES,
    cores: config.QUOTA_CORES,
    ram: config.QUOTA_RAM,
    key_pairs: config.QUOTA_KEY_PAIRS,
    metadata_items: config.QUOTA_METADATA_ITEMS,
    server_groups: 10,
    server_group_members: 10,
    injected_files: 5,
    injected_file_content_bytes: 10240,
    injected_file_path_bytes: 255,
  };
}

type Db = Pick<Tx, 'quotaDefault' | 'quotaLimit' | '$queryRaw'>;

/** The cloud-wide defaults: config, then QuotaDefault rows. */
export async function defaultLimits(db: Db): Promise<QuotaValues> {
  const out = configDefaults();
  for (const row of await db.quotaDefault.findMany()) if (isQuotaResource(row.resource)) out[row.resource] = row.hardLimit;
  return out;
}

/** A project's limits: defaults, then its own QuotaLimit rows. */
export async function projectLimits(db: Db, projectId: string): Promise<QuotaValues> {
  const out = await defaultLimits(db);
  for (const row of await db.quotaLimit.findMany({ where: { projectId } })) if (isQuotaResource(row.resource)) out[row.resource] = row.hardLimit;
  return out;
}

export interface ComputeUsage {
  instances: number;
  cores: number;
  ram: number;
}

/**
 * What a project's live instances hold. A resize in flight or awaiting confirmation holds the
 * larger of its two flavors, as Nova's placement does until the migration is confirmed.
 */
export async function computeUsage(db: Pick<Tx, '$queryRaw'>, projectId: string): Promise<ComputeUsage> {
  // The other flavor counts only while the state says a resize holds it, so a column a failed
  // step left behind cannot leak usage.
  const rows = await db.$queryRaw<Array<{ instances: number; cores: number; ram: number }>>(Prisma.sql`
    WITH live AS (
      SELECT "vcpus", "memoryMb",
        CASE WHEN "taskState" IN ('resize_prep', 'resize_migrating', 'resize_finish') THEN "newFlavor"
             WHEN "vmState" = 'resized' THEN "oldFlavor" END AS other
      FROM "Instance"
      WHERE "projectId" = ${projectId} AND "deletedAt" IS NULL AND "vmState" <> 'deleted')
    SELECT count(*)::int AS instances,
      COALESCE(SUM(GREATEST("vcpus", COALESCE((other->>'vcpus')::int, 0))), 0)::int AS cores,
      COALESCE(SUM(GREATEST("memoryMb", COALESCE((other->>'memoryMb')::int, 0))), 0)::int AS ram
    FROM live`);
  return rows[0] ?? { instances: 0, cores: 0, ram: 0 };
}

/** Key pairs are a per-user quota in Nova. */
export async function keyPairUsage(db: Pick<Tx, 'keyPair'>, userId: string): Promise<number> {
  return db.keyPair.count({ where: { userId } });
}

/** Server groups are counted per project. */
export async function serverGroupUsage(db: Pick<Tx, 'serverGroup'>, projectId: string): Promise<number> {
  return db.serverGroup.count({ where: { projectId } });
}

/**
 * Serialises quota checks of one project for the rest of the transaction: concurrent creates
 * queue here, so each counts the rows the previous one committed and N racing requests against
 * a quota of Q accept exactly Q.
 */
export async function lockProjectQuota(tx: Pick<Tx, '$executeRaw'>, projectId: string): Promise<void> {
  await tx.$executeRaw(Prisma.sql`SELECT pg_advisory_xact_lock(${QUOTA_LOCK_CLASS}::int, hashtext(${projectId}))`);
}

const QUOTA_LOCK_CLASS = 0x71a0;
const KEY_PAIR_LOCK_CLASS = 0x71a1;

/** The same for one user's key pairs (a per-user quota in Nova). */
export async function lockKeyPairQuota(tx: Pick<Tx, '$executeRaw'>, userId: string): Promise<void> {
  await tx.$executeRaw(Prisma.sql`SELECT pg_advisory_xact_lock(${KEY_PAIR_LOCK_CLASS}::int, hashtext(${userId}))`);
}

export type Deltas = Partial<Record<'instances' | 'cores' | 'ram', number>>;

/** Nova's order of reporting, so the message names the same resource Nova would. */
const CHECK_ORDER = ['instances', 'cores', 'ram'] as const;

/**
 * Checks `deltas` on top of current usage, inside the caller's transaction after
 * lockProjectQuota. Over quota → OverQuota with Nova's wording
 * ("Quota exceeded for instances: Requested 1, but already used 10 of 10 instances").
 */
export async function checkComputeQuota(tx: Db, projectId: string, deltas: Deltas): Promise<void> {
  const limits = await projectLimits(tx, projectId);
  const used = await computeUsage(tx, projectId);
  for (const r of CHECK_ORDER) {
    const want = deltas[r] ?? 0;
    const limit = limits[r];
    if (want <= 0 || limit < 0) continue;
    if (used[r] + want > limit) {
      throw new OverQuota(`Quota exceeded for ${r}: Requested ${want}, but already used ${used[r]} of ${limit} ${r}`);
    }
  }
}

/** How many more instances of a flavor fit: for min_count/max_count, as Nova's count check. */
export async function allowedInstances(tx: Db, projectId: string, per: { cores: number; ram: number }): Promise<number> {
  const limits = await projectLimits(tx, projectId);
  const used = await computeUsage(tx, projectId);
  const room = (r: 'instances' | 'cores' | 'ram', each: number) => {
    if (limits[r] < 0 || each <= 0) return Number.POSITIVE_INFINITY;
    return Math.max(0, Math.floor((limits[r] - used[r]) / each));
  };
  return Math.min(room('instances', 1), room('cores', per.cores), room('ram', per.ram));
}
