import { volumeQuotas } from '@nimbus/core/quota/other-services';
import type { RestRequest, RouteDef } from '../router';

function quotaSet(req: RestRequest, withUsage: boolean) {
  const id = req.params.target ?? '';
  const limits = volumeQuotas(req.ctx, id);
  const values = withUsage ? Object.fromEntries(Object.entries(limits).map(([k, limit]) => [k, { limit, in_use: 0, reserved: 0, allocated: 0 }])) : limits;
  return { status: 200, body: { quota_set: { id, ...values } } };
}

const usage = (req: RestRequest) => ['true', '1', 'yes'].includes((req.query.get('usage') ?? '').toLowerCase());

function limits(req: RestRequest) {
  const q = volumeQuotas(req.ctx, req.params.project_id ?? '');
  return {
    status: 200,
    body: {
      limits: {
        rate: [],
        absolute: {
          maxTotalVolumes: q.volumes,
          maxTotalSnapshots: q.snapshots,
          maxTotalVolumeGigabytes: q.gigabytes,
          maxTotalBackups: q.backups,
          maxTotalBackupGigabytes: q.backup_gigabytes,
          totalVolumesUsed: 0,
          totalSnapshotsUsed: 0,
          totalGigabytesUsed: 0,
          totalBackupsUsed: 0,
          totalBackupGigabytesUsed: 0,
        },
      },
    },
  };
}

/**
 * Cinder v3 (`/volume`): only quota sets and limits so far, so that `openstack quota show` and
 * `openstack limits show` work; the block-storage issue fills in the rest.
 */
export const volumeRoutes: RouteDef[] = [
  { method: 'GET', path: '/v3/:project_id/limits', handler: async (req) => limits(req) },
  {
    method: 'GET',
    path: '/v3/:project_id/os-quota-class-sets/:class',
    handler: async (req) => ({ status: 200, body: { quota_class_set: { id: req.params.class ?? '', ...volumeQuotas(req.ctx, req.params.project_id ?? '') } } }),
  },
  { method: 'GET', path: '/v3/:project_id/os-quota-sets/:target', handler: async (req) => quotaSet(req, usage(req)) },
  { method: 'GET', path: '/v3/:project_id/os-quota-sets/:target/defaults', handler: async (req) => quotaSet(req, false) },
];
