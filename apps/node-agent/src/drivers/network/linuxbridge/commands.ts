/**
 * Argv builders for every host command the linuxbridge driver runs (pure; golden-tested). Each one
 * names a namespace — `ip -n`, `bridge -n` or `ip netns exec` — so no call can reach the host's
 * own network.
 */
export type Argv = string[];

/** The kernel's VXLAN port (IANA); Linux defaults to 8472 unless told. */
export const VXLAN_PORT = 4789;

const ip = (ns: string, ...args: Array<string | number>): Argv => ['ip', '-n', ns, ...args.map(String)];
const inNs = (ns: string, ...args: string[]): Argv => ['ip', 'netns', 'exec', ns, ...args];

export const listNamespaces = (): Argv => ['ip', '-j', 'netns', 'list'];
export const addNamespace = (ns: string): Argv => ['ip', 'netns', 'add', ns];
export const deleteNamespace = (ns: string): Argv => ['ip', 'netns', 'delete', ns];

export const listLinks = (ns: string): Argv => ip(ns, '-j', '-d', 'link', 'show');
export const listAddresses = (ns: string): Argv => ip(ns, '-j', 'addr', 'show');
export const listRoutes = (ns: string): Argv => ip(ns, '-j', 'route', 'show');

export const addBridge = (ns: string, dev: string, mtu: number): Argv => ip(ns, 'link', 'add', dev, 'mtu', mtu, 'type', 'bridge');
export const addVxlan = (ns: string, dev: string, vni: number, local: string, mtu: number): Argv =>
  ip(ns, 'link', 'add', dev, 'mtu', mtu, 'type', 'vxlan', 'id', vni, 'dstport', VXLAN_PORT, 'local', local);
/** A veth whose first end stays in `ns` and whose peer moves straight into `peerNs`. */
export const addVeth = (ns: string, dev: string, peerDev: string, peerNs: string, mtu: number): Argv =>
  ip(ns, 'link', 'add', dev, 'mtu', mtu, 'type', 'veth', 'peer', 'name', peerDev, 'mtu', mtu, 'netns', peerNs);
export const addTap = (ns: string, dev: string): Argv => ip(ns, 'tuntap', 'add', 'dev', dev, 'mode', 'tap');
export const deleteLink = (ns: string, dev: string): Argv => ip(ns, 'link', 'delete', dev);

/** Attach to a bridge, set the MTU, and bring the device up in one call. */
export function setLink(ns: string, dev: string, opts: { master?: string; mtu?: number }): Argv {
  const args: Array<string | number> = ['link', 'set', 'dev', dev];
  if (opts.master) args.push('master', opts.master);
  if (opts.mtu) args.push('mtu', opts.mtu);
  return ip(ns, ...args, 'up');
}

export const addAddress = (ns: string, dev: string, addr: string): Argv => ip(ns, 'addr', 'add', addr, 'dev', dev);
export const deleteAddress = (ns: string, dev: string, addr: string): Argv => ip(ns, 'addr', 'delete', addr, 'dev', dev);
export const replaceRoute = (ns: string, destination: string, via: string): Argv => ip(ns, 'route', 'replace', destination, 'via', via);
export const deleteRoute = (ns: string, destination: string): Argv => ip(ns, 'route', 'delete', destination);

/** Flooding entries: broadcast and unknown unicast of a VXLAN go to every listed peer. */
const FLOOD_MAC = '00:00:00:00:00:00';
export const listFdb = (ns: string, dev: string): Argv => ['bridge', '-n', ns, '-j', 'fdb', 'show', 'dev', dev];
export const appendFdb = (ns: string, dev: string, dst: string): Argv => ['bridge', '-n', ns, 'fdb', 'append', FLOOD_MAC, 'dev', dev, 'dst', dst];
export const deleteFdb = (ns: string, dev: string, dst: string): Argv => ['bridge', '-n', ns, 'fdb', 'delete', FLOOD_MAC, 'dev', dev, 'dst', dst];

export const sysctl = (ns: string, key: string, value: string | number): Argv => inNs(ns, 'sysctl', '-q', '-w', `${key}=${value}`);

/**
 * A gratuitous ARP for an address just added to a router's gateway, so neighbours that failed to
 * resolve it (or knew another MAC) update at once, like Neutron's `arping -U` (busybox applet:
 * busybox-static is on every node already).
 */
export const announce = (ns: string, dev: string, ip: string): Argv => inNs(ns, 'busybox', 'arping', '-U', '-c', '1', '-w', '1', '-I', dev, ip);

/** Drops the tracked connections from or to an address (conntrack-tools). */
export const forgetConnections = (ns: string, side: 'src' | 'dst', ip: string): Argv => inNs(ns, 'conntrack', '-D', side === 'src' ? '-s' : '-d', ip);

export const applyRuleset = (ns: string, file: string): Argv => inNs(ns, 'nft', '-f', file);
export const listRuleset = (ns: string): Argv => inNs(ns, 'nft', '-j', 'list', 'ruleset');

export interface DnsmasqSubnet {
  /** A dnsmasq tag per subnet, so options go to that subnet's clients only. */
  tag: string;
  network: string;
  netmask: string;
  router: string | null;
  dnsServers: string[];
  /** `<destination>,<nexthop>` pairs for option 121. */
  hostRoutes: string[];
}

export interface DnsmasqFiles {
  hosts: string;
  pid: string;
  leases: string;
}

/**
 * dnsmasq as Neutron runs it: DHCP only (`--port=0`), static leases for known MACs from the hosts
 * file (re-read on SIGHUP), bound to the namespace's one device.
 */
export function dnsmasq(ns: string, dev: string, mtu: number, subnets: DnsmasqSubnet[], files: DnsmasqFiles): Argv {
  const args = [
    'dnsmasq',
    '--no-hosts',
    '--no-resolv',
    '--strict-order',
    '--bind-interfaces',
    `--interface=${dev}`,
    '--except-interface=lo',
    '--port=0',
    // The state folder is private to root; dnsmasq re-reads the hosts file after dropping privileges.
    '--user=root',
    '--dhcp-authoritative',
    `--dhcp-hostsfile=${files.hosts}`,
    `--pid-file=${files.pid}`,
    `--dhcp-leasefile=${files.leases}`,
  ];
  for (const s of subnets) {
    args.push(`--dhcp-range=set:${s.tag},${s.network},static,${s.netmask},86400s`);
    args.push(`--dhcp-option=tag:${s.tag},option:router${s.router ? `,${s.router}` : ''}`);
    if (s.dnsServers.length) args.push(`--dhcp-option=tag:${s.tag},option:dns-server,${s.dnsServers.join(',')}`);
    if (s.hostRoutes.length) args.push(`--dhcp-option=tag:${s.tag},option:classless-static-route,${s.hostRoutes.join(',')}`);
  }
  args.push(`--dhcp-option=option:mtu,${mtu}`);
  return inNs(ns, ...args);
}

/** SIGHUP makes dnsmasq re-read its hosts file; SIGTERM stops it. */
export const signal = (pid: number, sig: 'HUP' | 'TERM'): Argv => ['kill', `-${sig}`, String(pid)];
