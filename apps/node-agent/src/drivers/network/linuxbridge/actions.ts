import * as cmd from './commands.js';
import type { Argv } from './commands.js';

/**
 * One change to the datapath, as the planner decides it. Each expands to the host steps that carry
 * it out (`stepsOf`, pure), so a whole sync can be pinned by a golden file.
 */
export type Action =
  | { op: 'stop-dnsmasq'; networkId: string; pid: number }
  | { op: 'delete-namespace'; ns: string }
  | { op: 'delete-link'; ns: string; dev: string }
  | { op: 'remove-port-rules'; ns: string; tap: string; file: string; content: string }
  | { op: 'remove-file'; path: string }
  | { op: 'apply-base'; ns: string; file: string; content: string }
  | { op: 'add-bridge'; ns: string; dev: string; mtu: number }
  | { op: 'add-vxlan'; ns: string; dev: string; vni: number; local: string; mtu: number }
  | { op: 'set-link'; ns: string; dev: string; master?: string; mtu?: number }
  | { op: 'add-flood'; ns: string; dev: string; dst: string }
  | { op: 'delete-flood'; ns: string; dev: string; dst: string }
  | { op: 'add-namespace'; ns: string; forwarding: boolean }
  | { op: 'add-veth'; ns: string; nodeDev: string; peerNs: string; dev: string; mtu: number }
  /** `announce`: tell the segment by gratuitous ARP (addresses on a router's gateway). */
  | { op: 'add-address'; ns: string; dev: string; addr: string; announce?: boolean }
  | { op: 'delete-address'; ns: string; dev: string; addr: string }
  | { op: 'replace-route'; ns: string; destination: string; via: string }
  | { op: 'delete-route'; ns: string; destination: string }
  /**
   * `forget`: addresses whose tracked connections must go, because rules changed and the
   * established mark would otherwise keep a flow alive that the new rules refuse.
   */
  | { op: 'apply-rules'; ns: string; key: string; file: string; content: string; forget?: string[] }
  | { op: 'start-dnsmasq'; networkId: string; argv: Argv; hosts: string; files: { hosts: string; argv: string; dir: string } }
  | { op: 'reload-dnsmasq'; networkId: string; pid: number; hosts: string; hostsFile: string };

export type Step =
  | { run: Argv; okCodes?: number[] }
  | { write: string; content: string }
  | { remove: string }
  /** Wait for a process to be gone (a stopped dnsmasq still holds its DHCP socket for a moment). */
  | { waitExit: number };

export function describe(a: Action): string {
  switch (a.op) {
    case 'stop-dnsmasq':
      return `stop dnsmasq of network ${a.networkId}`;
    case 'delete-namespace':
      return `delete namespace ${a.ns}`;
    case 'delete-link':
      return `delete ${a.dev}`;
    case 'remove-port-rules':
      return `remove security group rules of ${a.tap}`;
    case 'remove-file':
      return `remove ${a.path}`;
    case 'apply-base':
      return 'apply base rules';
    case 'add-bridge':
      return `create bridge ${a.dev}`;
    case 'add-vxlan':
      return `create ${a.dev} (local ${a.local})`;
    case 'set-link':
      return `set ${a.dev}${a.master ? ` master ${a.master}` : ''}${a.mtu ? ` mtu ${a.mtu}` : ''} up`;
    case 'add-flood':
      return `flood ${a.dev} to ${a.dst}`;
    case 'delete-flood':
      return `stop flooding ${a.dev} to ${a.dst}`;
    case 'add-namespace':
      return `create namespace ${a.ns}`;
    case 'add-veth':
      return `create veth ${a.nodeDev} to ${a.peerNs}:${a.dev}`;
    case 'add-address':
      return `add ${a.addr} to ${a.ns}:${a.dev}`;
    case 'delete-address':
      return `remove ${a.addr} from ${a.ns}:${a.dev}`;
    case 'replace-route':
      return `route ${a.destination} via ${a.via} in ${a.ns}`;
    case 'delete-route':
      return `remove route ${a.destination} in ${a.ns}`;
    case 'apply-rules':
      return `apply rules ${a.key}`;
    case 'start-dnsmasq':
      return `start dnsmasq of network ${a.networkId}`;
    case 'reload-dnsmasq':
      return `reload dnsmasq hosts of network ${a.networkId}`;
  }
}

export function stepsOf(a: Action): Step[] {
  switch (a.op) {
    case 'stop-dnsmasq':
      return [{ run: cmd.signal(a.pid, 'TERM') }, { waitExit: a.pid }];
    case 'delete-namespace':
      return [{ run: cmd.deleteNamespace(a.ns) }];
    case 'delete-link':
      return [{ run: cmd.deleteLink(a.ns, a.dev) }];
    case 'remove-port-rules':
      return [{ write: a.file, content: a.content }, { run: cmd.applyRuleset(a.ns, a.file) }, { remove: a.file }];
    case 'remove-file':
      return [{ remove: a.path }];
    case 'apply-base':
      return [
        { run: cmd.sysctl(a.ns, 'net.bridge.bridge-nf-call-iptables', 1) },
        { run: cmd.sysctl(a.ns, 'net.bridge.bridge-nf-call-ip6tables', 1) },
        { write: a.file, content: a.content },
        { run: cmd.applyRuleset(a.ns, a.file) },
      ];
    case 'add-bridge':
      return [{ run: cmd.addBridge(a.ns, a.dev, a.mtu) }, { run: cmd.setLink(a.ns, a.dev, {}) }];
    case 'add-vxlan':
      return [{ run: cmd.addVxlan(a.ns, a.dev, a.vni, a.local, a.mtu) }];
    case 'set-link':
      return [{ run: cmd.setLink(a.ns, a.dev, { master: a.master, mtu: a.mtu }) }];
    case 'add-flood':
      return [{ run: cmd.appendFdb(a.ns, a.dev, a.dst) }];
    case 'delete-flood':
      return [{ run: cmd.deleteFdb(a.ns, a.dev, a.dst) }];
    case 'add-namespace':
      return [
        { run: cmd.addNamespace(a.ns) },
        { run: cmd.setLink(a.ns, 'lo', {}) },
        ...(a.forwarding ? [{ run: cmd.sysctl(a.ns, 'net.ipv4.ip_forward', 1) }] : []),
      ];
    case 'add-veth':
      return [{ run: cmd.addVeth(a.ns, a.nodeDev, a.dev, a.peerNs, a.mtu) }, { run: cmd.setLink(a.peerNs, a.dev, {}) }];
    case 'add-address':
      return [{ run: cmd.addAddress(a.ns, a.dev, a.addr) }, ...(a.announce ? [{ run: cmd.announce(a.ns, a.dev, a.addr.split('/')[0]!) }] : [])];
    case 'delete-address':
      return [{ run: cmd.deleteAddress(a.ns, a.dev, a.addr) }];
    case 'replace-route':
      return [{ run: cmd.replaceRoute(a.ns, a.destination, a.via) }];
    case 'delete-route':
      return [{ run: cmd.deleteRoute(a.ns, a.destination) }];
    case 'apply-rules':
      return [
        { write: a.file, content: a.content },
        { run: cmd.applyRuleset(a.ns, a.file) },
        // conntrack exits 1 when there was nothing to delete.
        ...(a.forget ?? []).flatMap((ip) => [cmd.forgetConnections(a.ns, 'src', ip), cmd.forgetConnections(a.ns, 'dst', ip)].map((run) => ({ run, okCodes: [0, 1] }))),
      ];
    case 'start-dnsmasq':
      return [
        { write: a.files.hosts, content: a.hosts },
        { write: a.files.argv, content: JSON.stringify(a.argv) },
        { run: a.argv },
      ];
    case 'reload-dnsmasq':
      return [{ write: a.hostsFile, content: a.hosts }, { run: cmd.signal(a.pid, 'HUP') }];
  }
}
