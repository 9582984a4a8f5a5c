import { defaultNetworkQuota, listNetworkQuotas, resetNetworkQuota, showNetworkQuota, updateNetworkQuota } from '@nimbus/core/network/quotas';
import type { RouteDef } from '../router';

const Q = '/v2.0/quotas/:project_id';

export const quotaRoutes: RouteDef[] = [
  { method: 'GET', path: '/v2.0/quotas', handler: async (req) => ({ status: 200, body: { quotas: await listNetworkQuotas(req.ctx) } }) },
  { method: 'GET', path: Q, handler: async (req) => ({ status: 200, body: { quota: await showNetworkQuota(req.ctx, req.params.project_id!, false) } }) },
  { method: 'GET', path: `${Q}/default`, handler: async (req) => ({ status: 200, body: { quota: defaultNetworkQuota(req.ctx, req.params.project_id!) } }) },
  { method: 'GET', path: `${Q}/details`, handler: async (req) => ({ status: 200, body: { quota: await showNetworkQuota(req.ctx, req.params.project_id!, true) } }) },
  { method: 'GET', path: `${Q}/details.json`, handler: async (req) => ({ status: 200, body: { quota: await showNetworkQuota(req.ctx, req.params.project_id!, true) } }) },
  { method: 'PUT', path: Q, handler: async (req) => ({ status: 200, body: { quota: await updateNetworkQuota(req.ctx, req.params.project_id!, await req.json()) } }) },
  {
    method: 'DELETE',
    path: Q,
    handler: async (req) => {
      await resetNetworkQuota(req.ctx, req.params.project_id!);
      return { status: 204 };
    },
  },
];
