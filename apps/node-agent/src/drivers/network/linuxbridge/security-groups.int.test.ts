import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NetworkState, SecurityGroupRuleState, SecurityGroupState } from '@nimbus/shared/network-state';
import { network, nodeState, port } from './__fixtures__/builders.js';
import type { LinuxbridgeNetworkDriver } from './linuxbridge-driver.js';
import { NetnsLab } from './netns-lab.js';

/**
 * Networking acceptance 2 on real namespaces: ICMP to a guarded port is allowed only from the
 * members of group X; the member pings, a non-member does not; removing the rule stops it at once.
 */
const lab = new NetnsLab();
const stateDirs: string[] = [];
let driver: LinuxbridgeNetworkDriver;
let state: NetworkState;

const net = network('10.3.0.0/24');
const x: SecurityGroupState = { id: randomUUID(), rules: [{ direction: 'egress', ethertype: 'IPv4', remoteIpPrefixes: [] }] };
/** The non-member answers pings from anyone, so a failed ping to it is never its own doing. */
const other: SecurityGroupState = {
  id: randomUUID(),
  rules: [
    { direction: 'egress', ethertype: 'IPv4', remoteIpPrefixes: [] },
    { direction: 'ingress', ethertype: 'IPv4', protocol: 'icmp', remoteIpPrefixes: [] },
  ],
};
const member = port(net, '10.3.0.11', 'compute:nova', { portSecurity: true, securityGroupIds: [x.id] });
const stranger = port(net, '10.3.0.12', 'compute:nova', { portSecurity: true, securityGroupIds: [other.id] });
const target = port(net, '10.3.0.20', 'compute:nova', { portSecurity: true });
const icmpFromX: SecurityGroupRuleState = { direction: 'ingress', ethertype: 'IPv4', protocol: 'icmp', remoteIpPrefixes: ['10.3.0.11/32'], remoteGroupId: x.id };
const allEgress: SecurityGroupRuleState = { direction: 'egress', ethertype: 'IPv4', remoteIpPrefixes: [] };
const guarded = (rules: SecurityGroupState['rules']): SecurityGroupState => ({ id: target.securityGroupIds[0] ?? '', rules });
let nsMember: string;
let nsStranger: string;
let nsTarget: string;

function withTargetRules(rules: SecurityGroupState['rules'], generation: number): NetworkState {
  return { ...state, generation, securityGroups: [x, other, guarded(rules)] };
}

beforeAll(async () => {
  target.securityGroupIds = [randomUUID()];
  const n = await lab.node('node');
  driver = n.driver;
  stateDirs.push(n.stateDir);
  state = nodeState('node-1', { networks: [net], ports: [member, stranger, target] });
  nsMember = await lab.instance('member', n.netns, member, '10.3.0.11/24');
  nsStranger = await lab.instance('stranger', n.netns, stranger, '10.3.0.12/24');
  nsTarget = await lab.instance('target', n.netns, target, '10.3.0.20/24');
});

afterAll(async () => {
  await lab.cleanup(stateDirs);
});

describe('linuxbridge security groups', () => {
  it('lets the member of X ping the guarded port and drops the non-member', async () => {
    await driver.sync(withTargetRules([allEgress, icmpFromX], 1));
    expect(await lab.pingWithin(nsMember, '10.3.0.20')).toBe(true);
    expect(await lab.pingWithin(nsMember, '10.3.0.12')).toBe(true);
    expect(await lab.ping(nsStranger, '10.3.0.20')).toBe(false);
  });

  it('lets replies to the guarded port’s own traffic in (stateful), but not new pings from the stranger', async () => {
    expect(await lab.ping(nsTarget, '10.3.0.12')).toBe(true);
    expect(await lab.ping(nsStranger, '10.3.0.20')).toBe(false);
  });

  it('stops the member within a second of the rule being removed', async () => {
    const started = performance.now();
    const report = await driver.sync(withTargetRules([allEgress], 2));
    expect(report.changes).toEqual([`apply rules port-${target.tapName}`]);
    expect(await lab.ping(nsMember, '10.3.0.20')).toBe(false);
    expect(performance.now() - started).toBeLessThan(2500);
    expect(report.durationMs).toBeLessThan(1000);
  });

  it('cuts a ping already running (an established flow) within a second of the rule being removed', async () => {
    await driver.sync(withTargetRules([allEgress, icmpFromX], 4));
    expect(await lab.pingWithin(nsMember, '10.3.0.20')).toBe(true);
    const replies = lab.pingTimes(nsMember, '10.3.0.20', 3);
    await new Promise((r) => setTimeout(r, 800));
    await driver.sync(withTargetRules([allEgress], 5));
    const cut = Date.now();
    const times = await replies;
    expect(times.filter((t) => t < cut).length).toBeGreaterThan(3);
    expect(times.filter((t) => t > cut + 1000)).toEqual([]);
  });

  it('drops what a guarded port sends from an address that is not its own', async () => {
    expect(await lab.ping(nsMember, '10.3.0.12')).toBe(true);
    await lab.ip('-n', nsMember, 'addr', 'flush', 'dev', 'eth0');
    await lab.ip('-n', nsMember, 'addr', 'add', '10.3.0.99/24', 'dev', 'eth0');
    expect(await lab.ping(nsMember, '10.3.0.12')).toBe(false);
    await lab.ip('-n', nsMember, 'addr', 'flush', 'dev', 'eth0');
    await lab.ip('-n', nsMember, 'addr', 'add', '10.3.0.11/24', 'dev', 'eth0');
  });

  it('opens a port fully once port security is off, and removes its chains', async () => {
    const open = { ...withTargetRules([], 3), ports: [member, stranger, { ...target, portSecurity: false }] };
    const report = await driver.sync(open);
    expect(report.changes).toContain(`remove security group rules of ${target.tapName}`);
    expect(await lab.ping(nsStranger, '10.3.0.20')).toBe(true);
    const rules = (await lab.runner.run(['ip', 'netns', 'exec', `${lab.prefix}-node`, 'nft', 'list', 'ruleset'])).stdout;
    expect(rules).not.toContain(target.tapName);
  });
});
