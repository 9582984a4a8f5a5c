import { z } from 'zod';
import { BadRequest } from '@nimbus/shared';
import { requireAuth, type RequestContext } from '../identity/context.js';
import { authorize } from '../identity/resources/policy.js';
import {
  computeUsage,
  defaultLimits,
  keyPairUsage,
  lockProjectQuota,
  serverGroupUsage,
  projectLimits,
  QUOTA_RESOURCES,
  type QuotaResource,
  type QuotaValues,
} from './quotas.js';

export interface QuotaDetail {
  limit: number;
  in_use: number;
  reserved: number;
}

function target(projectId: string) {
  return { project_id: projectId };
}

async function knownProject(ctx: RequestContext, projectId: string): Promise<void> {
  // Nova answers quotas of any project id; nimbus refuses ids Keystone does not know.
  if (!(await ctx.db.project.count({ where: { id: projectId } }))) throw new BadRequest(`Project ID ${projectId} is not a valid project.`, { field: 'project_id' });
}

/** `GET /os-quota-sets/{project}`: the project's limits. */
export async function showQuotaSet(ctx: RequestContext, projectId: string): Promise<QuotaValues> {
  authorize(requireAuth(ctx), 'compute:quota_sets:show', target(projectId));
  return projectLimits(ctx.db, projectId);
}

/** `GET /os-quota-sets/{project}/defaults`. */
export async function defaultQuotaSet(ctx: RequestContext, projectId: string): Promise<QuotaValues> {
  authorize(requireAuth(ctx), 'compute:quota_sets:defaults', target(projectId));
  return defaultLimits(ctx.db);
}

/** `GET /os-quota-sets/{project}/detail`: limit, in_use (derived from live rows), reserved (always 0). */
export async function detailQuotaSet(ctx: RequestContext, projectId: string): Promise<Record<QuotaResource, QuotaDetail>> {
  const auth = requireAuth(ctx);
  authorize(auth, 'compute:quota_sets:show', target(projectId));
  const limits = await projectLimits(ctx.db, projectId);
  const usage = await computeUsage(ctx.db, projectId);
  const inUse: Partial<Record<QuotaResource, number>> = {
    ...usage,
    // Key pairs are counted per user, so the caller's own.
    key_pairs: await keyPairUsage(ctx.db, auth.userId),
    server_groups: await serverGroupUsage(ctx.db, projectId),
  };
  return Object.fromEntries(QUOTA_RESOURCES.map((r) => [r, { limit: limits[r], in_use: inUse[r] ?? 0, reserved: 0 }])) as Record<QuotaResource, QuotaDetail>;
}

const zLimit = z
  .union([z.number(), z.string().regex(/^\s*-?\d+\s*$/, 'must be an integer').transform(Number)])
  .pipe(z.number().int('must be an integer').min(-1, 'must be >= -1').max(2147483647, 'must be <= 2147483647'));

export const ZUpdateQuotaSetInput = z.strictObject({
  ...Object.fromEntries(QUOTA_RESOURCES.map((r) => [r, zLimit.optional()])),
  force: z.union([z.boolean(), z.string()]).optional(),
  // Network quotas Nova stopped proxying at 2.36; accepted and ignored for older clients.
  fixed_ips: zLimit.optional(),
  floating_ips: zLimit.optional(),
  security_groups: zLimit.optional(),
  security_group_rules: zLimit.optional(),
  networks: zLimit.optional(),
}) as z.ZodType<Partial<Record<QuotaResource, number>> & { force?: boolean | string }>;

/**
 * `PUT /os-quota-sets/{project}` (admin). Without `force`, Nova refuses a limit below what the
 * project already uses; the check holds the project's quota lock so no create slips between.
 */
export async function updateQuotaSet(ctx: RequestContext, projectId: string, rawInput: unknown): Promise<QuotaValues> {
  const auth = requireAuth(ctx);
  authorize(auth, 'compute:quota_sets:update', target(projectId));
  const parsed = ZUpdateQuotaSetInput.safeParse(rawInput);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.map(String).join('.') ?? '';
    const reason = issue?.code === 'unrecognized_keys' ? `Additional properties are not allowed (${issue.keys.map((k) => `'${k}'`).join(', ')} were unexpected)` : (issue?.message ?? 'invalid');
    throw new BadRequest(`Invalid input for field/attribute quota_set${field ? `.${field}` : ''}. ${reason}`, { field: `quota_set${field ? `.${field}` : ''}` });
  }
  const input = parsed.data;
  const force = input.force === true || (typeof input.force === 'string' && ['true', '1', 'yes'].includes(input.force.toLowerCase()));
  await knownProject(ctx, projectId);
  await ctx.db.$transaction(async (tx) => {
    await lockProjectQuota(tx, projectId);
    const usage: Partial<Record<QuotaResource, number>> = force ? {} : { ...(await computeUsage(tx, projectId)), server_groups: await serverGroupUsage(tx, projectId) };
    for (const r of QUOTA_RESOURCES) {
      const value = input[r];
      if (value === undefined) continue;
      const used = usage[r] ?? 0;
      if (value >= 0 && value < used) {
        throw new BadRequest(`Quota limit ${value} for ${r} must be greater than or equal to already used and reserved ${used}.`, { field: `quota_set.${r}` });
      }
      await tx.quotaLimit.upsert({ where: { projectId_resource: { projectId, resource: r } }, create: { projectId, resource: r, hardLimit: value }, update: { hardLimit: value } });
    }
  });
  return projectLimits(ctx.db, projectId);
}

/** `DELETE /os-quota-sets/{project}` (admin): back to the defaults. */
export async function resetQuotaSet(ctx: RequestContext, projectId: string): Promise<void> {
  authorize(requireAuth(ctx), 'compute:quota_sets:delete', target(projectId));
  await ctx.db.quotaLimit.deleteMany({ where: { projectId } });
}

export interface Limits {
  limits: QuotaValues;
  used: { instances: number; cores: number; ram: number; key_pairs: number; server_groups: number };
}

/** `GET /limits` (optionally `tenant_id` for admins): absolute limits and usage. */
export async function getLimits(ctx: RequestContext, tenantId?: string): Promise<Limits> {
  const auth = requireAuth(ctx);
  const own = auth.projectId ?? '';
  const projectId = tenantId && tenantId !== own ? tenantId : own;
  authorize(auth, projectId === own ? 'compute:limits' : 'compute:limits:other_project', target(projectId));
  const limits = await projectLimits(ctx.db, projectId);
  const usage = projectId ? await computeUsage(ctx.db, projectId) : { instances: 0, cores: 0, ram: 0 };
  const groups = projectId ? await serverGroupUsage(ctx.db, projectId) : 0;
  return { limits, used: { ...usage, key_pairs: await keyPairUsage(ctx.db, auth.userId), server_groups: groups } };
}

/**
 * `os-quota-class-sets/default`: the cloud-wide defaults (QuotaDefault rows over config). Nova
 * keeps only the `default` class meaningful; so does nimbus. Admin only, as Nova's default policy.
 */
export async function showQuotaClass(ctx: RequestContext, quotaClass: string): Promise<QuotaValues> {
  authorize(requireAuth(ctx), 'admin_required', { quota_class: quotaClass });
  return defaultLimits(ctx.db);
}

export async function updateQuotaClass(ctx: RequestContext, quotaClass: string, rawInput: unknown): Promise<QuotaValues> {
  authorize(requireAuth(ctx), 'admin_required', { quota_class: quotaClass });
  if (quotaClass !== 'default') throw new BadRequest(`Only the 'default' quota class is supported, not '${quotaClass}'.`, { field: 'id' });
  const parsed = ZUpdateQuotaSetInput.safeParse(rawInput);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = `quota_class_set${issue?.path.length ? `.${issue.path.map(String).join('.')}` : ''}`;
    throw new BadRequest(`Invalid input for field/attribute ${field}. ${issue?.message ?? 'invalid'}`, { field });
  }
  await ctx.db.$transaction(async (tx) => {
    for (const r of QUOTA_RESOURCES) {
      const value = parsed.data[r];
      if (value === undefined) continue;
      await tx.quotaDefault.upsert({ where: { resource: r }, create: { resource: r, hardLimit: value }, update: { hardLimit: value } });
    }
  });
  return defaultLimits(ctx.db);
}
