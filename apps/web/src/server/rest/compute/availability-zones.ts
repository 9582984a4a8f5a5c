import { listAvailabilityZones, type AvailabilityZone } from '@nimbus/core/compute/availability-zones';
import type { RouteDef } from '../router';
import { novaTime } from './keypairs';
import { versioned } from './microversion';

function zoneView(z: AvailabilityZone) {
  return {
    zoneName: z.name,
    zoneState: { available: z.available },
    hosts: z.nodes
      ? Object.fromEntries(
          z.nodes.map((n) => [n.name, { 'nova-compute': { available: n.state === 'up', active: n.enabled, updated_at: novaTime(n.lastSeenAt ?? n.updatedAt) } }]),
        )
      : null,
  };
}

export const availabilityZoneRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/v2.1/os-availability-zone',
    handler: versioned(async (req) => ({ status: 200, body: { availabilityZoneInfo: (await listAvailabilityZones(req.ctx)).map(zoneView) } })),
  },
  {
    method: 'GET',
    path: '/v2.1/os-availability-zone/detail',
    handler: versioned(async (req) => ({ status: 200, body: { availabilityZoneInfo: (await listAvailabilityZones(req.ctx, true)).map(zoneView) } })),
  },
];
