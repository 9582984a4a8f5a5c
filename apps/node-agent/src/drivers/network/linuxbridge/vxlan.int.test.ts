import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NetworkState } from '@nimbus/shared/network-state';
import { network, nodeState, port } from './__fixtures__/builders.js';
import type { LinuxbridgeNetworkDriver } from './linuxbridge-driver.js';
import { NetnsLab } from './netns-lab.js';

/**
 * Networking acceptance 4 (linuxbridge half) on real namespaces: two node namespaces joined by a
 * veth "underlay", each with its own driver; the same tenant network on both is carried by
 * kernel VXLAN, so instances on different nodes ping each other.
 */
const lab = new NetnsLab();
const stateDirs: string[] = [];
const underlay = { a: '192.168.77.1', b: '192.168.77.2' };
const net = network('10.4.0.0/24', { vni: 4001 });
const apart = network('10.4.0.0/24', { vni: 4002 });
const vmA = port(net, '10.4.0.11');
const vmB = port(net, '10.4.0.12');
const vmC = port(apart, '10.4.0.13');
const peers = [
  { node: 'node-a', underlayIp: underlay.a },
  { node: 'node-b', underlayIp: underlay.b },
];
let a: { driver: LinuxbridgeNetworkDriver; netns: string };
let b: { driver: LinuxbridgeNetworkDriver; netns: string };
let stateA: NetworkState;
let stateB: NetworkState;
let nsA: string;
let nsB: string;
let nsC: string;

beforeAll(async () => {
  const na = await lab.node('a', underlay.a);
  const nb = await lab.node('b', underlay.b);
  stateDirs.push(na.stateDir, nb.stateDir);
  [a, b] = [na, nb];
  await lab.ip('-n', a.netns, 'link', 'add', 'ul0', 'type', 'veth', 'peer', 'name', 'ul0', 'netns', b.netns);
  await lab.ip('-n', a.netns, 'addr', 'add', `${underlay.a}/24`, 'dev', 'ul0');
  await lab.ip('-n', b.netns, 'addr', 'add', `${underlay.b}/24`, 'dev', 'ul0');
  await lab.ip('-n', a.netns, 'link', 'set', 'ul0', 'up');
  await lab.ip('-n', b.netns, 'link', 'set', 'ul0', 'up');
  stateA = nodeState('node-a', { networks: [net], ports: [vmA], peers });
  stateB = nodeState('node-b', { networks: [net, apart], ports: [vmB, vmC], peers });
  nsA = await lab.instance('vm-a', a.netns, vmA, '10.4.0.11/24');
  nsB = await lab.instance('vm-b', b.netns, vmB, '10.4.0.12/24');
  nsC = await lab.instance('vm-c', b.netns, vmC, '10.4.0.13/24');
});

afterAll(async () => {
  await lab.cleanup(stateDirs);
});

describe('linuxbridge VXLAN between nodes', () => {
  it('creates one VXLAN device per network, flooding to the other node only', async () => {
    const report = await a.driver.sync(stateA);
    expect(report.changes).toEqual(expect.arrayContaining([`create vxlan-4001 (local ${underlay.a})`, `flood vxlan-4001 to ${underlay.b}`]));
    expect(report.changes).not.toContain(`flood vxlan-4001 to ${underlay.a}`);
    await b.driver.sync(stateB);
  });

  it('lets instances on different nodes ping each other over the underlay', async () => {
    expect(await lab.pingWithin(nsA, '10.4.0.12')).toBe(true);
    expect(await lab.ping(nsB, '10.4.0.11')).toBe(true);
  });

  it('keeps another VNI apart, even with the same addresses', async () => {
    expect(await lab.ping(nsC, '10.4.0.11')).toBe(false);
  });

  it('is already converged on both nodes', async () => {
    expect((await a.driver.sync(stateA)).changes).toEqual([]);
    expect((await b.driver.sync(stateB)).changes).toEqual([]);
  });
});
