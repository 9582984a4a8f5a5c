import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NetworkState, RouterState } from '@nimbus/shared/network-state';
import { randomUUID } from 'node:crypto';
import { network, nodeState, port } from './__fixtures__/builders.js';
import type { LinuxbridgeNetworkDriver } from './linuxbridge-driver.js';
import { NetnsLab } from './netns-lab.js';
import { bridgeName } from '../names.js';

/**
 * Networking acceptance 3 on real namespaces: an "outside world" namespace sits behind the
 * external network's bridge (it has no route to tenant addresses, so only NAT can answer it); the
 * instance reaches its listener through the router's SNAT, a floating IP makes the instance
 * reachable from outside, and disassociating it ends that.
 */
const lab = new NetnsLab();
const stateDirs: string[] = [];
let driver: LinuxbridgeNetworkDriver;
let state: NetworkState;

const ext = network('203.0.113.0/24', { external: true, gatewayIp: '203.0.113.1' });
const tenant = network('10.2.0.0/24', { gatewayIp: '10.2.0.1' });
const gwPort = port(ext, '203.0.113.10', 'network:router_gateway');
const ifPort = port(tenant, '10.2.0.1', 'network:router_interface');
const vm = port(tenant, '10.2.0.5');
const router: RouterState = {
  id: randomUUID(),
  gatewayPort: { portId: gwPort.id, networkId: ext.id, ip: '203.0.113.10', cidr: '203.0.113.0/24', gatewayIp: '203.0.113.1' },
  enableSnat: true,
  interfaces: [{ portId: ifPort.id, networkId: tenant.id, ip: '10.2.0.1', cidr: '10.2.0.0/24' }],
  routes: [],
  floatingIps: [],
};
const fip = { floatingIp: '203.0.113.50', fixedIp: '10.2.0.5', portId: vm.id };
let world: string;
let nsVm: string;

const withFloatingIps = (floatingIps: RouterState['floatingIps'], generation: number): NetworkState => ({ ...state, generation, routers: [{ ...router, floatingIps }] });

beforeAll(async () => {
  const n = await lab.node('node');
  driver = n.driver;
  stateDirs.push(n.stateDir);
  state = nodeState('node-1', { networks: [ext, tenant], ports: [gwPort, ifPort, vm], routers: [router] });
  await driver.sync(state);
  world = `${lab.prefix}-world`;
  await lab.ip('netns', 'add', world);
  await lab.ip('-n', world, 'link', 'set', 'lo', 'up');
  await lab.ip('-n', n.netns, 'link', 'add', 'world0', 'type', 'veth', 'peer', 'name', 'eth0', 'netns', world);
  await lab.ip('-n', n.netns, 'link', 'set', 'world0', 'master', bridgeName(ext.id), 'up');
  await lab.ip('-n', world, 'addr', 'add', '203.0.113.1/24', 'dev', 'eth0');
  await lab.ip('-n', world, 'link', 'set', 'eth0', 'up');
  await lab.httpServer(world, 'outside\n');
  nsVm = await lab.instance('vm', n.netns, vm, '10.2.0.5/24');
  await lab.ip('-n', nsVm, 'route', 'add', 'default', 'via', '10.2.0.1');
  await driver.sync(state);
  await lab.httpServer(nsVm, 'inside\n');
});

afterAll(async () => {
  await lab.cleanup(stateDirs);
});

describe('linuxbridge router, SNAT and floating IPs', () => {
  it('takes the instance out to the world through SNAT', async () => {
    expect(await lab.pingWithin(nsVm, '203.0.113.1')).toBe(true);
    expect(await lab.fetch(nsVm, '203.0.113.1')).toBe('outside\n');
  });

  it('does not let the world reach the instance without a floating IP', async () => {
    expect(await lab.fetch(world, '203.0.113.50')).toBeNull();
  });

  it('makes the instance reachable from outside at its floating IP', async () => {
    const report = await driver.sync(withFloatingIps([fip], 2));
    expect(report.changes).toEqual([expect.stringContaining('add 203.0.113.50/32 to'), `apply rules router-${router.id}`]);
    expect(await lab.fetch(world, '203.0.113.50')).toBe('inside\n');
  });

  it('ends it when the floating IP is disassociated, and SNAT still works', async () => {
    const report = await driver.sync(withFloatingIps([], 3));
    expect(report.changes).toEqual([expect.stringContaining('remove 203.0.113.50/32 from'), `apply rules router-${router.id}`]);
    expect(await lab.fetch(world, '203.0.113.50')).toBeNull();
    expect(await lab.fetch(nsVm, '203.0.113.1')).toBe('outside\n');
  });

  it('keeps SNAT off when the router says so: the world then sees no answer', async () => {
    await driver.sync({ ...withFloatingIps([], 4), routers: [{ ...router, enableSnat: false }] });
    expect(await lab.fetch(nsVm, '203.0.113.1')).toBeNull();
  });
});
