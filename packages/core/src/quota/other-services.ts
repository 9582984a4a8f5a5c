import { requireAuth, type RequestContext } from '../identity/context.js';
import { authorize } from '../identity/resources/policy.js';

/**
 * Block-storage (Cinder) and network (Neutron) quotas, read-only at their upstream defaults with
 * nothing in use: those services have no resources in nimbus yet, but the catalog lists them and
 * `openstack quota show` asks all three. Their own issues replace this with real limits and usage.
 */
export const VOLUME_QUOTA_DEFAULTS = {
  volumes: 10,
  snapshots: 10,
  gigabytes: 1000,
  backups: 10,
  backup_gigabytes: 1000,
  groups: 10,
  per_volume_gigabytes: -1,
} as const;

export const NETWORK_QUOTA_DEFAULTS = {
  network: 100,
  subnet: 100,
  subnetpool: -1,
  port: 500,
  router: 10,
  floatingip: 50,
  security_group: 10,
  security_group_rule: 100,
  rbac_policy: 10,
} as const;

/** A project's members and readers (and admins) may read its quotas. */
export function authorizeQuotaRead(ctx: RequestContext, projectId: string): void {
  authorize(requireAuth(ctx), 'admin_or_reader', { project_id: projectId });
}

export function volumeQuotas(ctx: RequestContext, projectId: string): Record<string, number> {
  authorizeQuotaRead(ctx, projectId);
  return { ...VOLUME_QUOTA_DEFAULTS };
}

export function networkQuotas(ctx: RequestContext, projectId: string): Record<string, number> {
  authorizeQuotaRead(ctx, projectId);
  return { ...NETWORK_QUOTA_DEFAULTS };
}
