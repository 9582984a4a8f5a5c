import { describe, expect, it } from 'vitest';
import { cfg, fixtureState, ids } from './__fixtures__/state.js';
import { stepsOf, type Action } from './actions.js';
import { desiredFrom } from './desired.js';
import { baseRuleset } from './nft-rules.js';
import type { Observed, ObservedLink } from './observed.js';
import { plan } from './plan.js';

const node = cfg.nodeNetns;
const dhcpNs = `${node}-qdhcp-${ids.net}`;
const routerNs = `${node}-qrouter-${ids.router}`;

function empty(): Observed {
  return {
    links: new Map([['lo', { name: 'lo', kind: '', master: null, up: true, mtu: 65536 }]]),
    fdb: new Map(),
    namespaces: new Set([node]),
    inside: new Map(),
    ruleset: { tables: new Set(), chains: new Set(), mapKeys: new Map() },
    applied: new Map(),
    dnsmasq: new Map(),
  };
}

const link = (name: string, kind: string, mtu: number, master: string | null = null, extra: Partial<ObservedLink> = {}): [string, ObservedLink] => [
  name,
  { name, kind, master, up: true, mtu, ...extra },
];

/** The node as a complete sync of the fixture leaves it. */
function converged(): Observed {
  const desired = desiredFrom(fixtureState(), cfg);
  const dhcp = desired.dhcp.get(ids.net)!;
  const o = empty();
  o.links = new Map([
    link('brq5f1c2a7e-3b', 'bridge', 1450),
    link('brqe0e1e2e3-e4', 'bridge', 1500),
    link('vxlan-1001', 'vxlan', 1450, 'brq5f1c2a7e-3b', { vxlan: { id: 1001, local: '192.0.2.1', port: 4789 } }),
    link('tap9a8b7c6d-5e', 'tun', 1450, 'brq5f1c2a7e-3b'),
    link('tapd0d1d2d3-d4', 'veth', 1450, 'brq5f1c2a7e-3b'),
    link('tapa1a2a3a4-a5', 'veth', 1450, 'brq5f1c2a7e-3b'),
    link('tapb1b2b3b4-b5', 'veth', 1500, 'brqe0e1e2e3-e4'),
  ]);
  o.fdb.set('vxlan-1001', new Set(['192.0.2.2']));
  o.namespaces = new Set([node, dhcpNs, routerNs, 'other-node-qdhcp-x']);
  o.inside.set(dhcpNs, { devices: new Map([['ns-d0d1d2d3-d4', { up: true, addrs: new Set(['10.0.0.2/24']) }]]), routes: new Map(), tables: new Set() });
  o.inside.set(routerNs, {
    devices: new Map([
      ['qr-a1a2a3a4-a5', { up: true, addrs: new Set(['10.0.0.1/24']) }],
      ['qg-b1b2b3b4-b5', { up: true, addrs: new Set(['203.0.113.10/24', '203.0.113.50/32']) }],
    ]),
    routes: new Map([
      ['default', '203.0.113.1'],
      ['172.16.0.0/16', '10.0.0.254'],
    ]),
    tables: new Set(['ip nimbus-nat']),
  });
  o.ruleset = {
    tables: new Set(['inet nimbus-ct', 'bridge nimbus']),
    chains: new Set(['bridge nimbus forward', 'bridge nimbus in-tap9a8b7c6d-5e', 'bridge nimbus out-tap9a8b7c6d-5e']),
    mapKeys: new Map([
      ['bridge nimbus ports-in', new Set(['tap9a8b7c6d-5e'])],
      ['bridge nimbus ports-out', new Set(['tap9a8b7c6d-5e'])],
    ]),
  };
  o.applied = new Map([['base', baseRuleset()], ...[...desired.rulesets].map(([k, r]) => [k, r.content] as [string, string])]);
  o.dnsmasq.set(ids.net, { pid: 4242, argv: JSON.stringify(dhcp.argv), hosts: dhcp.hosts });
  return o;
}

const ops = (actions: Action[]) => actions.map((a) => a.op);
const planFor = (o: Observed, state = fixtureState()) => plan(desiredFrom(state, cfg), o, cfg);

describe('reconcile planner', () => {
  it('builds a whole node from nothing: bridges, tunnel, namespaces, rules, dnsmasq (golden steps)', async () => {
    const steps = planFor(empty()).flatMap(stepsOf);
    await expect(`${JSON.stringify(steps, null, 2)}\n`).toMatchFileSnapshot('./__golden__/sync-from-empty.steps.json');
  });

  it('changes nothing on a node that already matches', () => {
    expect(planFor(converged())).toEqual([]);
  });

  it('re-creates a deleted bridge and removes a stale one, leaving other nodes’ namespaces alone', () => {
    const o = converged();
    o.links.delete('brq5f1c2a7e-3b');
    o.links.set(...link('brq00000000-00', 'bridge', 1500));
    const actions = planFor(o);
    expect(actions).toContainEqual({ op: 'delete-link', ns: node, dev: 'brq00000000-00' });
    expect(actions).toContainEqual({ op: 'add-bridge', ns: node, dev: 'brq5f1c2a7e-3b', mtu: 1450 });
    expect(actions.some((a) => a.op === 'delete-namespace')).toBe(false);
    expect(actions.findIndex((a) => a.op === 'delete-link')).toBeLessThan(actions.findIndex((a) => a.op === 'add-bridge'));
  });

  it('removes everything of a router that is gone: namespace, bridge-side ports, NAT file', () => {
    const state = fixtureState();
    state.routers = [];
    state.ports = state.ports.filter((p) => !p.deviceOwner.startsWith('network:router'));
    const actions = planFor(converged(), state);
    expect(actions).toContainEqual({ op: 'delete-namespace', ns: routerNs });
    expect(actions).toContainEqual({ op: 'delete-link', ns: node, dev: 'tapa1a2a3a4-a5' });
    expect(actions).toContainEqual({ op: 'delete-link', ns: node, dev: 'tapb1b2b3b4-b5' });
    expect(actions).toContainEqual({ op: 'remove-file', path: `${cfg.stateDir}/network/nft/router-${ids.router}.nft` });
  });

  it('re-applies only the port whose security group changed', () => {
    const state = fixtureState();
    state.securityGroups[0]!.rules.splice(1, 1);
    const actions = planFor(converged(), state);
    expect(ops(actions)).toEqual(['apply-rules']);
    expect(actions[0]).toMatchObject({ key: 'port-tap9a8b7c6d-5e', ns: node, forget: ['10.0.0.5'] });
    expect((actions[0] as { content: string }).content).not.toContain('icmp');
  });

  it('drops the chains of a port that lost port security, from both maps', () => {
    const state = fixtureState();
    state.ports[0] = { ...state.ports[0]!, portSecurity: false };
    const actions = planFor(converged(), state);
    expect(actions[0]).toMatchObject({ op: 'remove-port-rules', tap: 'tap9a8b7c6d-5e' });
    expect((actions[0] as { content: string }).content.split('\n').filter(Boolean)).toHaveLength(4);
  });

  it('reloads dnsmasq for a new host entry and restarts it when its options change', () => {
    const state = fixtureState();
    state.ports.push({ ...state.ports[0]!, id: '7777aaaa-0000-4000-8000-000000000001', tapName: 'tap7777aaaa-00', mac: 'fa:16:3e:00:00:07', fixedIps: [{ subnetId: ids.subnet, ip: '10.0.0.7' }], hostname: undefined });
    const reload = planFor(converged(), state).filter((a) => a.op.endsWith('dnsmasq'));
    expect(reload).toMatchObject([{ op: 'reload-dnsmasq', pid: 4242 }]);
    expect((reload[0] as { hosts: string }).hosts).toContain('fa:16:3e:00:00:07,10.0.0.7,host-10-0-0-7\n');

    state.networks[0]!.subnets[0]!.dnsNameservers = ['10.0.0.99'];
    expect(ops(planFor(converged(), state).filter((a) => a.op.endsWith('dnsmasq')))).toEqual(['stop-dnsmasq', 'start-dnsmasq']);
  });

  it('restarts a dnsmasq whose namespace was deleted under it', () => {
    const o = converged();
    o.namespaces.delete(dhcpNs);
    o.links.delete('tapd0d1d2d3-d4');
    expect(ops(planFor(o))).toEqual(['add-namespace', 'add-veth', 'set-link', 'add-address', 'stop-dnsmasq', 'start-dnsmasq']);
  });

  it('re-creates a VXLAN device with the wrong endpoint and follows the peer list, skipping loopback peers', () => {
    const o = converged();
    o.links.set(...link('vxlan-1001', 'vxlan', 1450, 'brq5f1c2a7e-3b', { vxlan: { id: 1001, local: '192.0.2.9', port: 4789 } }));
    expect(ops(planFor(o))).toEqual(['delete-link', 'add-vxlan', 'set-link', 'add-flood']);

    const state = fixtureState();
    state.peers = [
      { node: 'node-3', underlayIp: '192.0.2.3' },
      { node: 'node-4', underlayIp: '127.0.0.1' },
    ];
    expect(planFor(converged(), state)).toEqual([
      { op: 'add-flood', ns: node, dev: 'vxlan-1001', dst: '192.0.2.3' },
      { op: 'delete-flood', ns: node, dev: 'vxlan-1001', dst: '192.0.2.2' },
    ]);
  });

  it('moves a floating IP: address and NAT follow, nothing else', () => {
    const state = fixtureState();
    state.routers[0]!.floatingIps = [];
    const actions = planFor(converged(), state);
    expect(actions).toEqual([
      { op: 'delete-address', ns: routerNs, dev: 'qg-b1b2b3b4-b5', addr: '203.0.113.50/32' },
      expect.objectContaining({ op: 'apply-rules', key: `router-${ids.router}`, forget: ['203.0.113.50', '10.0.0.5'] }),
    ]);
  });

  it('attaches a guest tap that sits on no bridge, and ignores taps of ports not here yet', () => {
    const o = converged();
    o.links.set(...link('tap9a8b7c6d-5e', 'tun', 1500, null));
    expect(planFor(o)).toEqual([{ op: 'set-link', ns: node, dev: 'tap9a8b7c6d-5e', master: 'brq5f1c2a7e-3b', mtu: 1450 }]);
    o.links.delete('tap9a8b7c6d-5e');
    expect(planFor(o)).toEqual([]);
  });
});
