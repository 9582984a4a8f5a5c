import { networkQuotas } from '@nimbus/core/quota/other-services';
import type { FaultFormatter } from '../faults';
import type { RestRequest, RouteDef } from '../router';

const NEUTRON_TYPES: Record<number, string> = { 400: 'HTTPBadRequest', 401: 'HTTPUnauthorized', 403: 'HTTPForbidden', 404: 'HTTPNotFound', 405: 'HTTPMethodNotAllowed', 409: 'HTTPConflict' };

/** Neutron's fault body: `{"NeutronError": {"type", "message", "detail"}}`. */
export function neutronFault(): FaultFormatter {
  return (err) => ({ status: err.status, body: { NeutronError: { type: NEUTRON_TYPES[err.status] ?? 'HTTPInternalServerError', message: err.message, detail: '' } } });
}

function versions(req: RestRequest) {
  return { versions: [{ id: 'v2.0', status: 'CURRENT', links: [{ rel: 'self', href: `${req.baseUrl}/v2.0/` }] }] };
}

function quota(req: RestRequest, detail: boolean) {
  const limits = networkQuotas(req.ctx, req.params.project_id ?? '');
  const values = detail ? Object.fromEntries(Object.entries(limits).map(([k, limit]) => [k, { limit, used: 0, reserved: 0 }])) : limits;
  return { status: 200, body: { quota: values } };
}

/**
 * Neutron v2.0 (`/network`): the version document and the quotas so far, so that
 * `openstack quota show` works; the networking issue fills in the rest.
 */
export const networkRoutes: RouteDef[] = [
  { method: 'GET', path: '/', auth: false, handler: async (req) => ({ status: 200, body: versions(req) }) },
  { method: 'GET', path: '/v2.0/quotas/:project_id', handler: async (req) => quota(req, false) },
  { method: 'GET', path: '/v2.0/quotas/:project_id/default', handler: async (req) => quota(req, false) },
  { method: 'GET', path: '/v2.0/quotas/:project_id/details', handler: async (req) => quota(req, true) },
  { method: 'GET', path: '/v2.0/quotas/:project_id/details.json', handler: async (req) => quota(req, true) },
];
