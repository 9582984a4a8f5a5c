import type { ComputeNode } from '@nimbus/db';
import { COMPUTE_BINARY, deleteService, listServices, setServiceStatusByHost, updateService, type LegacyServiceInput, type UpdateServiceInput } from '@nimbus/core/compute/services';
import type { RestRequest, RouteDef } from '../router';
import { param } from '../identity/resources/http';
import { novaTime } from './keypairs';
import { versioned, type Microversion } from './microversion';

function serviceView(n: ComputeNode, v: Microversion) {
  return {
    id: n.id,
    binary: COMPUTE_BINARY,
    host: n.name,
    zone: n.availabilityZone,
    status: n.enabled ? 'enabled' : 'disabled',
    state: n.state === 'up' ? 'up' : 'down',
    updated_at: novaTime(n.lastSeenAt ?? n.updatedAt),
    disabled_reason: n.disabledReason,
    ...(v.atLeast('2.11') ? { forced_down: false } : {}),
  };
}

/** The service validates the body with its schema; a non-object becomes `{}` and fails there naming the field. */
async function body<T>(req: RestRequest): Promise<T> {
  const b = await req.json();
  return (b !== null && typeof b === 'object' && !Array.isArray(b) ? b : {}) as T;
}

/** The pre-2.53 actions by host and binary answer only what they changed. */
function legacy(action: 'enable' | 'disable' | 'disable-log-reason'): RouteDef {
  return {
    method: 'PUT',
    path: `/v2.1/os-services/${action}`,
    handler: versioned(
      async (req) => {
        const n = await setServiceStatusByHost(req.ctx, await body<LegacyServiceInput>(req), action === 'enable');
        const out: Record<string, unknown> = { host: n.name, binary: COMPUTE_BINARY, status: n.enabled ? 'enabled' : 'disabled' };
        if (action === 'disable-log-reason') out.disabled_reason = n.disabledReason;
        return { status: 200, body: { service: out } };
      },
      { max: '2.52' },
    ),
  };
}

export const serviceRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/v2.1/os-services',
    handler: versioned(async (req, v) => {
      const nodes = await listServices(req.ctx, { host: req.query.get('host') ?? undefined, binary: req.query.get('binary') ?? undefined });
      return { status: 200, body: { services: nodes.map((n) => serviceView(n, v)) } };
    }),
  },
  {
    method: 'PUT',
    path: '/v2.1/os-services/:service_id',
    handler: versioned(async (req, v) => ({ status: 200, body: { service: serviceView(await updateService(req.ctx, param(req, 'service_id'), await body<UpdateServiceInput>(req)), v) } }), { min: '2.53' }),
  },
  {
    method: 'DELETE',
    path: '/v2.1/os-services/:service_id',
    handler: versioned(async (req) => {
      await deleteService(req.ctx, param(req, 'service_id'));
      return { status: 204 };
    }),
  },
  legacy('enable'),
  legacy('disable'),
  legacy('disable-log-reason'),
];
