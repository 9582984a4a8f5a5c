import { randomUUID } from 'node:crypto';
import { tapName, type NetworkState, type NetworkStateNetwork, type PortState } from '@nimbus/shared/network-state';

/** Small constructors for the integration tests' desired states. */
export function network(cidr: string, opts: { vni?: number | null; external?: boolean; gatewayIp?: string | null; dhcp?: boolean } = {}): NetworkStateNetwork {
  return {
    id: randomUUID(),
    vni: opts.vni ?? null,
    mtu: 1450,
    external: opts.external ?? false,
    subnets: [{ id: randomUUID(), cidr, gatewayIp: opts.gatewayIp ?? null, dhcp: opts.dhcp ?? false, dnsNameservers: [], hostRoutes: [], allocationPools: [] }],
  };
}

let macs = 0x10;

export function port(net: NetworkStateNetwork, ip: string, deviceOwner: PortState['deviceOwner'] = 'compute:nova', extra: Partial<PortState> = {}): PortState {
  const id = randomUUID();
  const mac = `fa:16:3e:00:00:${(macs++ & 0xff).toString(16).padStart(2, '0')}`;
  return { id, networkId: net.id, mac, fixedIps: [{ subnetId: net.subnets[0]!.id, ip }], deviceOwner, deviceId: 'test', tapName: tapName(id), portSecurity: false, securityGroupIds: [], ...extra };
}

export function nodeState(node: string, parts: Partial<NetworkState>): NetworkState {
  return { node, generation: 1, networks: [], ports: [], routers: [], securityGroups: [], peers: [], ...parts };
}
