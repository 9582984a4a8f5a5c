import { describe, expect, it } from 'vitest';
import { NetworkStateSchema, tapName } from './network-state.js';
import { JobName, NetworkSyncJobSchema } from './queues.js';

const net = '5f1c2a7e-3b4d-4e6f-8a9b-0c1d2e3f4a5b';
const port = '9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d';
const state = {
  node: 'node-1',
  generation: 3,
  networks: [
    {
      id: net,
      vni: 1001,
      mtu: 1450,
      external: false,
      subnets: [{ id: '1b2c3d4e-5f60-4718-9a0b-1c2d3e4f5a6b', cidr: '10.0.0.0/24', gatewayIp: '10.0.0.1', dhcp: true, dnsNameservers: [], hostRoutes: [], allocationPools: [{ start: '10.0.0.2', end: '10.0.0.254' }] }],
    },
  ],
  ports: [
    { id: port, networkId: net, mac: 'fa:16:3e:00:00:01', fixedIps: [{ subnetId: '1b2c3d4e-5f60-4718-9a0b-1c2d3e4f5a6b', ip: '10.0.0.5' }], deviceOwner: 'compute:nova', deviceId: 'x', tapName: 'tap9a8b7c6d-5e', portSecurity: true, securityGroupIds: [] },
  ],
  routers: [],
  securityGroups: [],
  peers: [{ node: 'node-2', underlayIp: '192.0.2.2' }],
};

describe('network state contract', () => {
  it('accepts a complete desired state', () => {
    expect(NetworkStateSchema.parse(state).ports[0]!.tapName).toBe('tap9a8b7c6d-5e');
  });

  it('names the field of a tap name that does not follow the port id', () => {
    const bad = { ...state, ports: [{ ...state.ports[0]!, tapName: 'tap00000000-00' }] };
    const r = NetworkStateSchema.safeParse(bad);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['ports', 0, 'tapName']);
  });

  it('refuses a device owner Neutron does not know', () => {
    const bad = { ...state, ports: [{ ...state.ports[0]!, deviceOwner: 'network:ha_router_replicated_interface' }] };
    expect(NetworkStateSchema.safeParse(bad).success).toBe(false);
  });

  it('cuts tap names like Neutron', () => {
    expect(tapName(port)).toBe('tap9a8b7c6d-5e');
  });

  it('carries only a generation and a request id', () => {
    expect(JobName.NetworkSync).toBe('network-sync');
    expect(NetworkSyncJobSchema.parse({ generation: 4, requestId: 'req-1' })).toEqual({ generation: 4, requestId: 'req-1' });
  });
});
