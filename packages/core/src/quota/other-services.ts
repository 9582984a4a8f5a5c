import { requireAuth, type RequestContext } from '../identity/context.js';
import { authorize } from '../identity/resources/policy.js';

/**
 * Block-storage (Cinder) quotas, read-only at their upstream defaults with nothing in use: the
 * service has no resources in nimbus yet, but the catalog lists it and `openstack quota show` asks
 * it too. Its own issue replaces this with real limits and usage (network quotas: network/quotas.ts).
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

/** A project's members and readers (and admins) may read its quotas. */
export function authorizeQuotaRead(ctx: RequestContext, projectId: string): void {
  authorize(requireAuth(ctx), 'admin_or_reader', { project_id: projectId });
}

export function volumeQuotas(ctx: RequestContext, projectId: string): Record<string, number> {
  authorizeQuotaRead(ctx, projectId);
  return { ...VOLUME_QUOTA_DEFAULTS };
}
