import { z } from 'zod';
import { Prisma } from '@nimbus/db';
import type { RequestContext } from '../identity/context.js';
import { loadConfig, type Config } from '../config.js';
import { authorize, caller, parseBody, target, type Tx } from './common.js';
import { conflict, invalidInput } from './errors.js';

/**
 * Neutron's quotas: limits from config, overridden per project by NetworkQuota rows; usage is
 * counted from live rows, never stored. -1 is unlimited. Every create checks under the
 * project's network quota lock, so N racing creates against a quota of Q accept exactly Q.
 * Ports a network makes for itself (device_owner network:*) are neither counted nor checked.
 */
export const NETWORK_QUOTA_RESOURCES = ['network', 'subnet', 'port', 'router', 'floatingip', 'security_group', 'security_group_rule'] as const;
export type NetworkQuotaResource = (typeof NETWORK_QUOTA_RESOURCES)[number];
export type NetworkQuotaValues = Record<NetworkQuotaResource, number>;

type QuotaConfig = Pick<Config, 'QUOTA_NETWORK' | 'QUOTA_SUBNET' | 'QUOTA_PORT' | 'QUOTA_ROUTER' | 'QUOTA_FLOATINGIP' | 'QUOTA_SECURITY_GROUP' | 'QUOTA_SECURITY_GROUP_RULE'>;

export function networkQuotaDefaults(config: QuotaConfig = loadConfig()): NetworkQuotaValues {
  return {
    network: config.QUOTA_NETWORK,
    subnet: config.QUOTA_SUBNET,
    port: config.QUOTA_PORT,
    router: config.QUOTA_ROUTER,
    floatingip: config.QUOTA_FLOATINGIP,
    security_group: config.QUOTA_SECURITY_GROUP,
    security_group_rule: config.QUOTA_SECURITY_GROUP_RULE,
  };
}

function isResource(name: string): name is NetworkQuotaResource {
  return (NETWORK_QUOTA_RESOURCES as readonly string[]).includes(name);
}

export async function networkLimits(db: Pick<Tx, 'networkQuota'>, projectId: string): Promise<NetworkQuotaValues> {
  const out = networkQuotaDefaults();
  for (const row of await db.networkQuota.findMany({ where: { projectId } })) if (isResource(row.resource)) out[row.resource] = row.hardLimit;
  return out;
}

export async function networkUsage(db: Tx, projectId: string): Promise<NetworkQuotaValues> {
  const where = { projectId };
  const [network, subnet, port, router, floatingip, security_group, security_group_rule] = await Promise.all([
    db.network.count({ where }),
    db.subnet.count({ where }),
    db.port.count({ where: { projectId, NOT: { deviceOwner: { startsWith: 'network:' } } } }),
    db.router.count({ where }),
    db.floatingIp.count({ where }),
    db.securityGroup.count({ where }),
    db.securityGroupRule.count({ where }),
  ]);
  return { network, subnet, port, router, floatingip, security_group, security_group_rule };
}

const LOCK_CLASS = 0x71b0;

/** Serialises a project's network creates for the rest of the transaction. */
export async function lockNetworkQuota(tx: Pick<Tx, '$executeRaw'>, projectId: string): Promise<void> {
  await tx.$executeRaw(Prisma.sql`SELECT pg_advisory_xact_lock(${LOCK_CLASS}::int, hashtext(${projectId}))`);
}

/** Takes the project's lock and refuses a create that would go over a limit, with Neutron's 409 OverQuota. */
export async function checkNetworkQuota(tx: Tx, projectId: string, resource: NetworkQuotaResource, delta = 1): Promise<void> {
  await lockNetworkQuota(tx, projectId);
  const limit = (await networkLimits(tx, projectId))[resource];
  if (limit < 0) return;
  const used = (await networkUsage(tx, projectId))[resource];
  if (used + delta > limit) throw conflict('OverQuota', `Quota exceeded for resources: ['${resource}'].`);
}

/** `GET /v2.0/quotas/{project_id}` and its `details` variant. */
export async function showNetworkQuota(ctx: RequestContext, projectId: string, detail: boolean): Promise<Record<string, unknown>> {
  const c = caller(ctx);
  authorize(c.auth, 'get_quota', target(projectId));
  const limits = await networkLimits(ctx.db, projectId);
  if (!detail) return limits;
  const used = await ctx.db.$transaction((tx) => networkUsage(tx, projectId));
  return Object.fromEntries(NETWORK_QUOTA_RESOURCES.map((r) => [r, { limit: limits[r], used: used[r], reserved: 0 }]));
}

/** `GET /v2.0/quotas`: every project with limits of its own, with all its limits; cloud admins only, as in Neutron. */
export async function listNetworkQuotas(ctx: RequestContext): Promise<Array<Record<string, unknown>>> {
  const c = caller(ctx);
  authorize(c.auth, 'admin_required', target(c.projectId));
  const rows = await ctx.db.networkQuota.findMany({ distinct: ['projectId'], select: { projectId: true }, orderBy: { projectId: 'asc' } });
  return Promise.all(rows.map(async ({ projectId }) => ({ project_id: projectId, tenant_id: projectId, ...(await networkLimits(ctx.db, projectId)) })));
}

/** Neutron's defaults document (`/quotas/{project_id}/default`). */
export function defaultNetworkQuota(ctx: RequestContext, projectId: string): NetworkQuotaValues {
  authorize(caller(ctx).auth, 'get_quota', target(projectId));
  return networkQuotaDefaults();
}

const zLimit = z.union([z.number().int(), z.string().regex(/^-?\d+$/).transform(Number)], { message: "must be an integer" }).pipe(z.number().int().min(-1, 'must be -1 (unlimited) or more'));
const ZQuotaUpdate = z.strictObject(Object.fromEntries(NETWORK_QUOTA_RESOURCES.map((r) => [r, zLimit.optional()])) as Record<NetworkQuotaResource, z.ZodOptional<typeof zLimit>>);

/** `PUT /v2.0/quotas/{project_id}`: admin only; a limit below what is in use is refused (Neutron's default driver does). */
export async function updateNetworkQuota(ctx: RequestContext, projectId: string, body: unknown): Promise<NetworkQuotaValues> {
  const c = caller(ctx);
  authorize(c.auth, 'update_quota', target(projectId));
  const input = parseBody(ZQuotaUpdate, body, 'quota');
  await ctx.db.$transaction(async (tx) => {
    await lockNetworkQuota(tx, projectId);
    const used = await networkUsage(tx, projectId);
    for (const [resource, limit] of Object.entries(input) as Array<[NetworkQuotaResource, number | undefined]>) {
      if (limit === undefined) continue;
      if (limit >= 0 && limit < used[resource]) {
        throw invalidInput(resource, `Quota limit ${limit} for ${resource} must be greater than or equal to already used and reserved ${used[resource]}.`);
      }
      await tx.networkQuota.upsert({ where: { projectId_resource: { projectId, resource } }, create: { projectId, resource, hardLimit: limit }, update: { hardLimit: limit } });
    }
  });
  ctx.log.info({ projectId, quota: input }, 'network quota updated');
  return networkLimits(ctx.db, projectId);
}

/** `DELETE /v2.0/quotas/{project_id}`: back to the defaults. */
export async function resetNetworkQuota(ctx: RequestContext, projectId: string): Promise<void> {
  const c = caller(ctx);
  authorize(c.auth, 'delete_quota', target(projectId));
  await ctx.db.networkQuota.deleteMany({ where: { projectId } });
  ctx.log.info({ projectId }, 'network quota reset');
}
