import type { Prisma } from '@nimbus/db';
import { standardAttrs } from './common.js';

/** Neutron's device owners of the ports a network creates for itself. */
export const NETWORK_OWNED_DEVICES = {
  dhcp: 'network:dhcp',
  routerInterface: 'network:router_interface',
  routerGateway: 'network:router_gateway',
  floatingIp: 'network:floatingip',
} as const;

export function isNetworkOwned(deviceOwner: string): boolean {
  return deviceOwner.startsWith('network:');
}

export const portInclude = {
  fixedIps: { select: { subnetId: true, ip: true } },
  securityGroups: { select: { securityGroupId: true } },
} satisfies Prisma.PortInclude;

export type PortRow = Prisma.PortGetPayload<{ include: typeof portInclude }>;

/** Fixed IPs in a stable order (subnet, then address), as Neutron lists them. */
export function fixedIps(row: Pick<PortRow, 'fixedIps'>): Array<{ subnet_id: string; ip_address: string }> {
  return [...row.fixedIps]
    .sort((a, b) => a.subnetId.localeCompare(b.subnetId) || a.ip.localeCompare(b.ip, undefined, { numeric: true }))
    .map((f) => ({ subnet_id: f.subnetId, ip_address: f.ip }));
}

export function portView(row: PortRow, showBinding: boolean): Record<string, unknown> {
  return {
    id: row.id,
    name: row.name,
    network_id: row.networkId,
    mac_address: row.macAddress,
    admin_state_up: row.adminStateUp,
    status: row.status,
    device_id: row.deviceId,
    device_owner: row.deviceOwner,
    fixed_ips: fixedIps(row),
    security_groups: row.securityGroups.map((s) => s.securityGroupId).sort(),
    port_security_enabled: row.portSecurityEnabled,
    allowed_address_pairs: [],
    extra_dhcp_opts: [],
    ...(showBinding
      ? {
          'binding:host_id': row.hostId,
          'binding:vif_type': row.hostId ? 'bridge' : 'unbound',
          'binding:vnic_type': 'normal',
          'binding:profile': {},
          'binding:vif_details': {},
        }
      : { 'binding:vnic_type': 'normal' }),
    ...standardAttrs(row),
  };
}
