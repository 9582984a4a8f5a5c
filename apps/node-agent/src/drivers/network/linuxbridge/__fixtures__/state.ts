import { tapName, type NetworkState, type PortState } from '@nimbus/shared/network-state';
import type { LinuxbridgeConfig } from '../desired.js';

export const ids = {
  net: '5f1c2a7e-3b4d-4e6f-8a9b-0c1d2e3f4a5b',
  subnet: '1b2c3d4e-5f60-4718-9a0b-1c2d3e4f5a6b',
  ext: 'e0e1e2e3-e4e5-4e6e-8e9e-aeafb0b1b2b3',
  extSubnet: 'e5e5e5e5-0000-4000-8000-000000000001',
  vm: '9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d',
  dhcp: 'd0d1d2d3-d4d5-4d6d-8d9d-adafb0b1b2b4',
  routerIf: 'a1a2a3a4-a5a6-4a7a-8a9a-aaabacadaeaf',
  routerGw: 'b1b2b3b4-b5b6-4b7b-8b9b-babbbcbdbebf',
  router: 'c1c2c3c4-c5c6-4c7c-8c9c-cacbcccdcecf',
  sg: 'f1f2f3f4-f5f6-4f7f-8f9f-fafbfcfdfeff',
};

export const cfg: LinuxbridgeConfig = { nodeNetns: 'nimbus-node-1', underlayIp: '192.0.2.1', stateDir: '/var/lib/nimbus/nodes/node-1' };

const port = (id: string, networkId: string, mac: string, ip: string, subnetId: string, deviceOwner: PortState['deviceOwner'], extra: Partial<PortState> = {}): PortState => ({
  id,
  networkId,
  mac,
  fixedIps: [{ subnetId, ip }],
  deviceOwner,
  deviceId: 'device',
  tapName: tapName(id),
  portSecurity: false,
  securityGroupIds: [],
  ...extra,
});

/** One tenant network with a guest, DHCP and a router to an external network with a floating IP. */
export function fixtureState(): NetworkState {
  return {
    node: 'node-1',
    generation: 7,
    networks: [
      {
        id: ids.net,
        vni: 1001,
        mtu: 1450,
        external: false,
        subnets: [{ id: ids.subnet, cidr: '10.0.0.0/24', gatewayIp: '10.0.0.1', dhcp: true, dnsNameservers: ['10.0.0.53'], hostRoutes: [], allocationPools: [{ start: '10.0.0.2', end: '10.0.0.254' }] }],
      },
      {
        id: ids.ext,
        vni: null,
        mtu: 1500,
        external: true,
        subnets: [{ id: ids.extSubnet, cidr: '203.0.113.0/24', gatewayIp: '203.0.113.1', dhcp: false, dnsNameservers: [], hostRoutes: [], allocationPools: [] }],
      },
    ],
    ports: [
      port(ids.vm, ids.net, 'fa:16:3e:00:00:05', '10.0.0.5', ids.subnet, 'compute:nova', { portSecurity: true, securityGroupIds: [ids.sg], hostname: 'web-1' }),
      port(ids.dhcp, ids.net, 'fa:16:3e:00:00:02', '10.0.0.2', ids.subnet, 'network:dhcp'),
      port(ids.routerIf, ids.net, 'fa:16:3e:00:00:01', '10.0.0.1', ids.subnet, 'network:router_interface'),
      port(ids.routerGw, ids.ext, 'fa:16:3e:00:01:0a', '203.0.113.10', ids.extSubnet, 'network:router_gateway'),
    ],
    routers: [
      {
        id: ids.router,
        gatewayPort: { portId: ids.routerGw, networkId: ids.ext, ip: '203.0.113.10', cidr: '203.0.113.0/24', gatewayIp: '203.0.113.1' },
        enableSnat: true,
        interfaces: [{ portId: ids.routerIf, networkId: ids.net, ip: '10.0.0.1', cidr: '10.0.0.0/24' }],
        routes: [{ destination: '172.16.0.0/16', nexthop: '10.0.0.254' }],
        floatingIps: [{ floatingIp: '203.0.113.50', fixedIp: '10.0.0.5', portId: ids.vm }],
      },
    ],
    securityGroups: [
      {
        id: ids.sg,
        rules: [
          { direction: 'egress', ethertype: 'IPv4', remoteIpPrefixes: [] },
          { direction: 'ingress', ethertype: 'IPv4', protocol: 'icmp', remoteIpPrefixes: ['10.0.0.7/32', '10.0.0.8/32'], remoteGroupId: ids.sg },
          { direction: 'ingress', ethertype: 'IPv4', protocol: 'tcp', portRangeMin: 22, portRangeMax: 22, remoteIpPrefixes: ['0.0.0.0/0'] },
        ],
      },
    ],
    peers: [
      { node: 'node-1', underlayIp: '192.0.2.1' },
      { node: 'node-2', underlayIp: '192.0.2.2' },
    ],
  };
}
