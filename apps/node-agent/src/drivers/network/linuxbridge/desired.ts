import type { NetworkState, PortState } from '@nimbus/shared/network-state';
import { bridgeName, dhcpDevice, dhcpNamespace, portDevice, routerGatewayDevice, routerInterfaceDevice, routerNamespace, vxlanName } from '../names.js';
import { dnsmasq, type Argv, type DnsmasqSubnet } from './commands.js';
import { portRuleset, routerRuleset } from './nft-rules.js';
import { dhcpFiles, nftFile } from './paths.js';

/** The driver's settings for one node. */
export interface LinuxbridgeConfig {
  /** The node's namespace; every datapath object lives in it or in namespaces the driver made. */
  nodeNetns: string;
  /** This node's VXLAN endpoint (an address inside NODE_NETNS); without it networks stay node-local. */
  underlayIp: string | null;
  stateDir: string;
}

export interface DesiredDevice {
  /** The end inside the DHCP or router namespace. */
  dev: string;
  /** The end in the node namespace, attached to `bridge`. */
  nodeDev: string;
  bridge: string;
  mtu: number;
  addrs: string[];
}

export interface DesiredNamespace {
  name: string;
  devices: DesiredDevice[];
  /** destination → via; `default` for the default route. */
  routes: Map<string, string>;
  forwarding: boolean;
}

export interface DesiredDhcp {
  ns: string;
  networkId: string;
  argv: Argv;
  hosts: string;
}

export interface Desired {
  bridges: Map<string, { mtu: number }>;
  vxlans: Map<string, { vni: number; bridge: string; mtu: number; local: string; peers: Set<string> }>;
  namespaces: Map<string, DesiredNamespace>;
  /** Guests' taps: attached to their bridge when they exist (the compute driver makes them). */
  taps: Map<string, { bridge: string; mtu: number }>;
  /**
   * nft objects by key: `port-<tap>` in the node namespace, `router-<id>` in a router namespace;
   * `forget` lists the port's addresses, whose tracked connections go when its rules change.
   */
  rulesets: Map<string, { ns: string; file: string; content: string; forget: string[] }>;
  dhcp: Map<string, DesiredDhcp>;
}

const prefixOf = (cidr: string) => cidr.split('/')[1]!;

function maskOf(prefix: number): string {
  const bits = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return [24, 16, 8, 0].map((s) => (bits >>> s) & 0xff).join('.');
}

const hostnameOf = (port: PortState, ip: string) => port.hostname ?? `host-${ip.replaceAll('.', '-')}`;

/** The datapath a state asks of this node, with every name, address, file and argv worked out. */
export function desiredFrom(state: NetworkState, cfg: LinuxbridgeConfig): Desired {
  const networks = new Map(state.networks.map((n) => [n.id, n]));
  const subnets = new Map(state.networks.flatMap((n) => n.subnets.map((s) => [s.id, s] as const)));
  const mtuOf = (networkId: string) => networks.get(networkId)?.mtu ?? 1500;
  const withPrefix = (ip: string, subnetId: string) => {
    const s = subnets.get(subnetId);
    return s ? `${ip}/${prefixOf(s.cidr)}` : null;
  };
  const d: Desired = { bridges: new Map(), vxlans: new Map(), namespaces: new Map(), taps: new Map(), rulesets: new Map(), dhcp: new Map() };

  for (const n of state.networks) {
    const bridge = bridgeName(n.id);
    d.bridges.set(bridge, { mtu: n.mtu });
    if (n.vni !== null && cfg.underlayIp) {
      // A loopback "peer" is a node that reports no real address (the single-machine default).
      const peers = new Set(state.peers.map((p) => p.underlayIp).filter((ip) => ip !== cfg.underlayIp && !ip.startsWith('127.')));
      d.vxlans.set(vxlanName(n.vni), { vni: n.vni, bridge, mtu: n.mtu, local: cfg.underlayIp, peers });
    }
  }

  const groups = new Map(state.securityGroups.map((g) => [g.id, g]));
  for (const p of state.ports) {
    if (!p.deviceOwner.startsWith('compute:')) continue;
    d.taps.set(p.tapName, { bridge: bridgeName(p.networkId), mtu: mtuOf(p.networkId) });
    if (p.portSecurity) {
      const forget = p.fixedIps.map((f) => f.ip);
      d.rulesets.set(`port-${p.tapName}`, { ns: cfg.nodeNetns, file: nftFile(cfg.stateDir, `port-${p.tapName}`), content: portRuleset(p, groups), forget });
    }
  }

  for (const p of state.ports.filter((x) => x.deviceOwner === 'network:dhcp')) {
    const name = dhcpNamespace(cfg.nodeNetns, p.networkId);
    const ns: DesiredNamespace = d.namespaces.get(name) ?? { name, devices: [], routes: new Map(), forwarding: false };
    const addrs = p.fixedIps.map((f) => withPrefix(f.ip, f.subnetId)).filter((a): a is string => a !== null);
    ns.devices.push({ dev: dhcpDevice(p.id), nodeDev: p.tapName, bridge: bridgeName(p.networkId), mtu: mtuOf(p.networkId), addrs });
    d.namespaces.set(name, ns);
    const network = networks.get(p.networkId);
    if (!network || d.dhcp.has(p.networkId)) continue;
    const served = network.subnets.filter((s) => s.dhcp);
    if (served.length === 0) continue;
    const dnsSubnets: DnsmasqSubnet[] = served.map((s) => ({
      tag: `subnet-${s.id}`,
      network: s.cidr.split('/')[0]!,
      netmask: maskOf(Number(prefixOf(s.cidr))),
      router: s.gatewayIp,
      dnsServers: s.dnsNameservers,
      hostRoutes: s.hostRoutes.map((r) => `${r.destination},${r.nexthop}`),
    }));
    const servedIds = new Set(served.map((s) => s.id));
    const hosts = state.ports
      .filter((q) => q.networkId === p.networkId && q.deviceOwner !== 'network:dhcp')
      .flatMap((q) => q.fixedIps.filter((f) => servedIds.has(f.subnetId)).map((f) => `${q.mac},${f.ip},${hostnameOf(q, f.ip)}\n`))
      .join('');
    const files = dhcpFiles(cfg.stateDir, p.networkId);
    d.dhcp.set(p.networkId, { ns: name, networkId: p.networkId, argv: dnsmasq(name, dhcpDevice(p.id), network.mtu, dnsSubnets, files), hosts });
  }

  for (const r of state.routers) {
    const name = routerNamespace(cfg.nodeNetns, r.id);
    const ns: DesiredNamespace = { name, devices: [], routes: new Map(), forwarding: true };
    for (const i of r.interfaces) {
      const dev = routerInterfaceDevice(i.portId);
      ns.devices.push({ dev, nodeDev: portDevice(i.portId), bridge: bridgeName(i.networkId), mtu: mtuOf(i.networkId), addrs: [`${i.ip}/${prefixOf(i.cidr)}`] });
    }
    const gw = r.gatewayPort;
    const gatewayDev = gw ? routerGatewayDevice(gw.portId) : null;
    if (gw && gatewayDev) {
      const addrs = [`${gw.ip}/${prefixOf(gw.cidr)}`, ...r.floatingIps.map((f) => `${f.floatingIp}/32`)];
      ns.devices.push({ dev: gatewayDev, nodeDev: portDevice(gw.portId), bridge: bridgeName(gw.networkId), mtu: mtuOf(gw.networkId), addrs });
      if (gw.gatewayIp) ns.routes.set('default', gw.gatewayIp);
    }
    for (const route of r.routes) ns.routes.set(route.destination, route.nexthop);
    d.namespaces.set(name, ns);
    d.rulesets.set(`router-${r.id}`, { ns: name, file: nftFile(cfg.stateDir, `router-${r.id}`), content: routerRuleset(r, gatewayDev), forget: [] });
  }
  return d;
}
