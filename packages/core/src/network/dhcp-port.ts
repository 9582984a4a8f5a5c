import { randomUUID } from 'node:crypto';
import type { Network, Subnet } from '@nimbus/db';
import type { Tx } from './common.js';
import { randomMac } from './addresses.js';
import { allocateFixedIps } from './ipam.js';
import { NETWORK_OWNED_DEVICES } from './ports-common.js';

/**
 * The network's DHCP server port (device_owner network:dhcp): one per network, with an address on
 * each DHCP-enabled IPv4 subnet, where the node's dnsmasq listens. It belongs to the network's
 * project but is the network's own: never counted against quotas, never blocking a delete.
 */
export async function ensureDhcpPort(tx: Tx, network: Network, subnet: Subnet): Promise<void> {
  let port = await tx.port.findFirst({ where: { networkId: network.id, deviceOwner: NETWORK_OWNED_DEVICES.dhcp } });
  if (!port) {
    port = await tx.port.create({
      data: {
        id: randomUUID(),
        projectId: network.projectId,
        networkId: network.id,
        macAddress: randomMac(),
        deviceOwner: NETWORK_OWNED_DEVICES.dhcp,
        deviceId: `dhcp-${network.id}`,
        portSecurityEnabled: false,
        status: 'ACTIVE',
      },
    });
  }
  await allocateFixedIps(tx, { networkId: network.id, portId: port.id, requested: [{ subnet_id: subnet.id }] });
}

/** Takes the DHCP port's address on a subnet back; a DHCP port left without addresses goes. */
export async function releaseDhcpAddress(tx: Tx, subnetId: string): Promise<void> {
  const allocations = await tx.ipAllocation.findMany({ where: { subnetId, port: { deviceOwner: NETWORK_OWNED_DEVICES.dhcp } } });
  for (const a of allocations) {
    await tx.ipAllocation.delete({ where: { subnetId_ip: { subnetId, ip: a.ip } } });
    if ((await tx.ipAllocation.count({ where: { portId: a.portId } })) === 0) await tx.port.delete({ where: { id: a.portId } });
  }
}
