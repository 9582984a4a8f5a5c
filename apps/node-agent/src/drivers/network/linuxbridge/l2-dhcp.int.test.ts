import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NetworkState } from '@nimbus/shared/network-state';
import { network, nodeState, port } from './__fixtures__/builders.js';
import type { LinuxbridgeNetworkDriver } from './linuxbridge-driver.js';
import { NetnsLab } from './netns-lab.js';
import { bridgeName } from '../names.js';

/**
 * Networking acceptance 1 and the restart re-sync, on real namespaces: two "instances" on one
 * tenant network lease their addresses from the driver's dnsmasq and ping each other; one on
 * another network (same CIDR, as another project may have) cannot reach them.
 */
const lab = new NetnsLab();
const stateDirs: string[] = [];
let driver: LinuxbridgeNetworkDriver;
let node: string;
let state: NetworkState;

const blue = network('10.1.0.0/24', { gatewayIp: '10.1.0.1', dhcp: true });
const red = network('10.1.0.0/24', { gatewayIp: '10.1.0.1' });
const dhcpPort = port(blue, '10.1.0.2', 'network:dhcp');
const vm1 = port(blue, '10.1.0.11', 'compute:nova', { hostname: 'vm-1' });
const vm2 = port(blue, '10.1.0.12');
const vm3 = port(red, '10.1.0.13');
let ns1: string;
let ns2: string;
let ns3: string;

beforeAll(async () => {
  const n = await lab.node('node');
  ({ driver, netns: node } = n);
  stateDirs.push(n.stateDir);
  state = nodeState('node-1', { networks: [blue, red], ports: [dhcpPort, vm1, vm2, vm3] });
  ns1 = await lab.instance('vm1', node, vm1);
  ns2 = await lab.instance('vm2', node, vm2);
  ns3 = await lab.instance('vm3', node, vm3, '10.1.0.13/24');
});

afterAll(async () => {
  await lab.cleanup(stateDirs);
});

describe('linuxbridge L2 and DHCP', () => {
  it('leases each instance its port address from nimbus dnsmasq, and they ping each other', async () => {
    const report = await driver.sync(state);
    expect(report.changes).toContain(`create bridge ${bridgeName(blue.id)}`);
    const [l1, l2] = await Promise.all([lab.dhcp(ns1), lab.dhcp(ns2)]);
    expect(l1).toEqual({ ip: '10.1.0.11', router: '10.1.0.1' });
    expect(l2).toEqual({ ip: '10.1.0.12', router: '10.1.0.1' });
    await lab.ip('-n', ns1, 'addr', 'add', '10.1.0.11/24', 'dev', 'eth0');
    await lab.ip('-n', ns2, 'addr', 'add', '10.1.0.12/24', 'dev', 'eth0');
    expect(await lab.pingWithin(ns1, '10.1.0.12')).toBe(true);
    expect(await lab.ping(ns2, '10.1.0.11')).toBe(true);
  });

  it('keeps another network apart, even with the same addresses', async () => {
    expect(await lab.ping(ns3, '10.1.0.11')).toBe(false);
    expect(await lab.ping(ns1, '10.1.0.13')).toBe(false);
  });

  it('changes nothing when synced again, also from a restarted driver', async () => {
    expect((await driver.sync(state)).changes).toEqual([]);
    const restarted = await lab.node('node', null, stateDirs[0]);
    expect((await restarted.driver.sync({ ...state, generation: 2 })).changes).toEqual([]);
  });

  it('repairs a bridge deleted by hand and removes one added by hand', async () => {
    await lab.ip('-n', node, 'link', 'delete', bridgeName(blue.id));
    await lab.ip('-n', node, 'link', 'add', 'brq00000000-00', 'type', 'bridge');
    expect(await lab.ping(ns1, '10.1.0.12')).toBe(false);
    const report = await driver.sync(state);
    expect(report.changes).toEqual(
      expect.arrayContaining(['delete brq00000000-00', `create bridge ${bridgeName(blue.id)}`, expect.stringMatching(new RegExp(`^set ${vm1.tapName} master`))]),
    );
    const links = await lab.ip('-n', node, '-j', 'link', 'show');
    expect(links).not.toContain('brq00000000-00');
    expect(await lab.pingWithin(ns1, '10.1.0.12')).toBe(true);
    expect((await driver.sync(state)).changes).toEqual([]);
  });

  it('serves a new port after reloading dnsmasq hosts', async () => {
    const vm4 = port(blue, '10.1.0.14');
    const ns4 = await lab.instance('vm4', node, vm4);
    state = { ...state, generation: 3, ports: [...state.ports, vm4] };
    const report = await driver.sync(state);
    expect(report.changes).toEqual([`set ${vm4.tapName} master ${bridgeName(blue.id)} mtu 1450 up`, `reload dnsmasq hosts of network ${blue.id}`]);
    expect(await lab.dhcp(ns4)).toEqual({ ip: '10.1.0.14', router: '10.1.0.1' });
  });

  it('stops dnsmasq with its namespace when the network goes', async () => {
    const pid = Number((await lab.ip('netns', 'pids', `${node}-qdhcp-${blue.id}`)).trim().split('\n')[0]);
    expect(pid).toBeGreaterThan(0);
    const next = { ...state, networks: [red], ports: [vm3] };
    const report = await driver.sync(next);
    expect(report.changes).toEqual(expect.arrayContaining([`stop dnsmasq of network ${blue.id}`, `delete namespace ${node}-qdhcp-${blue.id}`]));
    expect(await lab.ip('-j', 'netns', 'list')).not.toContain(`qdhcp-${blue.id}`);
    expect(() => process.kill(pid, 0)).toThrow();
  });
});
