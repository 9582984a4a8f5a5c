import { isBridgeName, isPortDevice, isVxlanName } from '../names.js';
import type { Action } from './actions.js';
import type { Desired, DesiredNamespace, LinuxbridgeConfig } from './desired.js';
import { CT_TABLE, egressChain, ingressChain, removePortRuleset, SG_TABLE, baseRuleset } from './nft-rules.js';
import type { Observed, ObservedNamespace } from './observed.js';
import { dhcpFiles, dhcpDir, nftFile } from './paths.js';

/**
 * Desired vs observed → the ordered changes that make the node match (pure). Stale objects go
 * first, innermost first (a dnsmasq before its namespace, ports before bridges), so names freed by
 * them can be reused by what is created after; creation goes outward in (bridges, then what plugs
 * into them, then the rules and daemons that use those devices).
 */
export function plan(desired: Desired, observed: Observed, cfg: LinuxbridgeConfig): Action[] {
  const node = cfg.nodeNetns;
  const actions: Action[] = [];
  const ownNamespace = (ns: string) => ns.startsWith(`${node}-qdhcp-`) || ns.startsWith(`${node}-qrouter-`);

  // Stale: daemons, namespaces, ports, rules, tunnels, bridges.
  const desiredDhcp = new Map([...desired.dhcp.values()].map((d) => [d.networkId, d]));
  for (const [networkId, dns] of observed.dnsmasq) {
    if (desiredDhcp.has(networkId)) continue;
    if (dns.pid !== null) actions.push({ op: 'stop-dnsmasq', networkId, pid: dns.pid });
    actions.push({ op: 'remove-file', path: dhcpDir(cfg.stateDir, networkId) });
  }
  // Port devices before namespaces: deleting a namespace takes the veth ends inside with it.
  const nodeEnds = new Set([...desired.namespaces.values()].flatMap((ns) => ns.devices.map((d) => d.nodeDev)));
  for (const link of observed.links.values()) {
    if (isPortDevice(link.name) && !desired.taps.has(link.name) && !nodeEnds.has(link.name)) actions.push({ op: 'delete-link', ns: node, dev: link.name });
  }
  for (const ns of [...observed.namespaces].sort()) {
    if (ownNamespace(ns) && !desired.namespaces.has(ns)) actions.push({ op: 'delete-namespace', ns });
  }
  const portKeys = (map: string) => observed.ruleset.mapKeys.get(`bridge ${SG_TABLE} ${map}`) ?? new Set<string>();
  const guarded = new Set([...portKeys('ports-in'), ...portKeys('ports-out')]);
  for (const chain of observed.ruleset.chains) {
    const m = /^bridge nimbus (?:in|out)-(tap.+)$/.exec(chain);
    if (m) guarded.add(m[1]!);
  }
  for (const tap of [...guarded].sort()) {
    if (desired.rulesets.has(`port-${tap}`)) continue;
    const has = {
      inElement: portKeys('ports-in').has(tap),
      outElement: portKeys('ports-out').has(tap),
      inChain: observed.ruleset.chains.has(`bridge ${SG_TABLE} ${ingressChain(tap)}`),
      outChain: observed.ruleset.chains.has(`bridge ${SG_TABLE} ${egressChain(tap)}`),
    };
    actions.push({ op: 'remove-port-rules', ns: node, tap, file: nftFile(cfg.stateDir, `remove-${tap}`), content: removePortRuleset(tap, has) });
  }
  for (const key of observed.applied.keys()) {
    if (key !== 'base' && !desired.rulesets.has(key)) actions.push({ op: 'remove-file', path: nftFile(cfg.stateDir, key) });
  }
  const vxlanFits = (name: string) => {
    const want = desired.vxlans.get(name);
    const have = observed.links.get(name)?.vxlan;
    return want && have && have.id === want.vni && have.local === want.local && have.port === 4789;
  };
  for (const link of observed.links.values()) {
    if (isVxlanName(link.name) && !vxlanFits(link.name)) actions.push({ op: 'delete-link', ns: node, dev: link.name });
  }
  for (const link of observed.links.values()) {
    if (isBridgeName(link.name) && !desired.bridges.has(link.name)) actions.push({ op: 'delete-link', ns: node, dev: link.name });
  }

  // Base rules: the established mark and the per-tap dispatch every port chain hangs from.
  const base = baseRuleset();
  const baseThere = observed.ruleset.tables.has(`inet ${CT_TABLE}`) && observed.ruleset.tables.has(`bridge ${SG_TABLE}`);
  if (!baseThere || observed.applied.get('base') !== base) actions.push({ op: 'apply-base', ns: node, file: nftFile(cfg.stateDir, 'base'), content: base });

  for (const [dev, b] of desired.bridges) {
    const have = observed.links.get(dev);
    if (!have) actions.push({ op: 'add-bridge', ns: node, dev, mtu: b.mtu });
    else if (!have.up || have.mtu !== b.mtu) actions.push({ op: 'set-link', ns: node, dev, mtu: b.mtu });
  }

  for (const [dev, v] of desired.vxlans) {
    const have = vxlanFits(dev) ? observed.links.get(dev) : undefined;
    if (!have) actions.push({ op: 'add-vxlan', ns: node, dev, vni: v.vni, local: v.local, mtu: v.mtu });
    if (!have || have.master !== v.bridge || !have.up || have.mtu !== v.mtu) actions.push({ op: 'set-link', ns: node, dev, master: v.bridge, mtu: v.mtu });
    const flood = have ? (observed.fdb.get(dev) ?? new Set<string>()) : new Set<string>();
    for (const dst of [...v.peers].sort()) if (!flood.has(dst)) actions.push({ op: 'add-flood', ns: node, dev, dst });
    for (const dst of [...flood].sort()) if (!v.peers.has(dst)) actions.push({ op: 'delete-flood', ns: node, dev, dst });
  }

  for (const ns of desired.namespaces.values()) actions.push(...planNamespace(ns, observed, node));

  for (const [dev, t] of desired.taps) {
    const have = observed.links.get(dev);
    if (have && (have.master !== t.bridge || !have.up || have.mtu !== t.mtu)) actions.push({ op: 'set-link', ns: node, dev, master: t.bridge, mtu: t.mtu });
  }

  for (const [key, r] of desired.rulesets) {
    const present = key.startsWith('port-')
      ? portKeys('ports-in').has(key.slice(5)) && portKeys('ports-out').has(key.slice(5))
      : observed.inside.get(r.ns)?.tables.has(`ip nimbus-nat`) === true;
    const before = observed.applied.get(key);
    if (present && before === r.content) continue;
    const forget = present && before !== undefined ? (key.startsWith('port-') ? r.forget : droppedNat(before, r.content)) : [];
    actions.push({ op: 'apply-rules', ns: r.ns, key, file: r.file, content: r.content, ...(forget.length ? { forget } : {}) });
  }

  for (const d of desired.dhcp.values()) {
    const have = observed.dnsmasq.get(d.networkId);
    const files = dhcpFiles(cfg.stateDir, d.networkId);
    const argv = JSON.stringify(d.argv);
    const nsRecreated = !observed.namespaces.has(d.ns);
    if (have?.pid != null && (have.argv !== argv || nsRecreated)) actions.push({ op: 'stop-dnsmasq', networkId: d.networkId, pid: have.pid });
    if (have?.pid == null || have.argv !== argv || nsRecreated) {
      actions.push({ op: 'start-dnsmasq', networkId: d.networkId, argv: d.argv, hosts: d.hosts, files: { hosts: files.hosts, argv: files.argv, dir: dhcpDir(cfg.stateDir, d.networkId) } });
    } else if (have.hosts !== d.hosts) {
      actions.push({ op: 'reload-dnsmasq', networkId: d.networkId, pid: have.pid, hosts: d.hosts, hostsFile: files.hosts });
    }
  }
  return actions;
}

/** The floating and fixed addresses of 1:1 NAT rules that a router's new ruleset no longer has. */
function droppedNat(before: string, after: string): string[] {
  const pairs = (text: string) => [...text.matchAll(/ip daddr (\S+) dnat to (\S+)/g)].map((m) => `${m[1]} ${m[2]}`);
  const kept = new Set(pairs(after));
  return [...new Set(pairs(before).filter((p) => !kept.has(p)))].flatMap((p) => p.split(' '));
}

function planNamespace(ns: DesiredNamespace, observed: Observed, node: string): Action[] {
  const actions: Action[] = [];
  const inside: ObservedNamespace = (observed.namespaces.has(ns.name) && observed.inside.get(ns.name)) || { devices: new Map(), routes: new Map(), tables: new Set() };
  if (!observed.namespaces.has(ns.name)) actions.push({ op: 'add-namespace', ns: ns.name, forwarding: ns.forwarding });
  for (const d of ns.devices) {
    const nodeEnd = observed.links.get(d.nodeDev);
    let dev = inside.devices.get(d.dev);
    if (!nodeEnd || !dev) {
      // One end without the other is a broken pair: start again from a fresh veth.
      if (nodeEnd) actions.push({ op: 'delete-link', ns: node, dev: d.nodeDev });
      if (dev) actions.push({ op: 'delete-link', ns: ns.name, dev: d.dev });
      actions.push({ op: 'add-veth', ns: node, nodeDev: d.nodeDev, peerNs: ns.name, dev: d.dev, mtu: d.mtu });
      dev = { up: true, addrs: new Set() };
    }
    if (!nodeEnd || nodeEnd.master !== d.bridge || !nodeEnd.up || nodeEnd.mtu !== d.mtu) actions.push({ op: 'set-link', ns: node, dev: d.nodeDev, master: d.bridge, mtu: d.mtu });
    if (!dev.up) actions.push({ op: 'set-link', ns: ns.name, dev: d.dev });
    const announce = d.dev.startsWith('qg-');
    for (const addr of d.addrs) if (!dev.addrs.has(addr)) actions.push({ op: 'add-address', ns: ns.name, dev: d.dev, addr, ...(announce ? { announce } : {}) });
    for (const addr of dev.addrs) if (!d.addrs.includes(addr)) actions.push({ op: 'delete-address', ns: ns.name, dev: d.dev, addr });
  }
  for (const [destination, via] of ns.routes) if (inside.routes.get(destination) !== via) actions.push({ op: 'replace-route', ns: ns.name, destination, via });
  for (const destination of inside.routes.keys()) if (!ns.routes.has(destination)) actions.push({ op: 'delete-route', ns: ns.name, destination });
  return actions;
}
