import type { PrismaClient } from '@nimbus/db';
import { NetworkStateSchema, tapName, type NetworkState, type PortState, type RouterState, type SecurityGroupRuleState, type SecurityGroupState } from '@nimbus/shared/network-state';
import { parseCidr, parseIp, type Pool } from './addresses.js';
import { currentNetworkGeneration } from './changes.js';
import { NETWORK_OWNED_DEVICES, portInclude, type PortRow } from './ports-common.js';
import { PROTOCOL_NUMBERS } from './rules.js';

/**
 * The desired datapath of one node (packages/shared/src/network-state.ts), read from the database:
 * the ports bound to the node (binding:host_id), and on the node hosting the network services
 * (see `serviceNode`) the DHCP ports, every router with its interface and gateway ports. IPv4
 * only: the datapath contract carries IPv4, so IPv6 subnets and addresses are left out.
 */
type Db = Pick<PrismaClient, 'computeNode' | 'network' | 'subnet' | 'port' | 'router' | 'floatingIp' | 'securityGroup' | 'instance' | 'networkGeneration'>;

const isV4 = (ip: string) => parseIp(ip)?.version === 4;

/**
 * Where DHCP servers and routers live: the first enabled network-role node, live ones before
 * down ones, by name — deterministic, so every node agrees on it without asking each other.
 */
export async function serviceNode(db: Pick<PrismaClient, 'computeNode'>): Promise<string | null> {
  const nodes = await db.computeNode.findMany({ where: { enabled: true, roles: { has: 'network' } }, select: { name: true, state: true } });
  nodes.sort((a, b) => Number(b.state === 'up') - Number(a.state === 'up') || a.name.localeCompare(b.name));
  return nodes[0]?.name ?? null;
}

const HOSTNAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

function portState(p: PortRow, hostnames: Map<string, string>): PortState {
  const hostname = hostnames.get(p.deviceId);
  return {
    id: p.id,
    networkId: p.networkId,
    mac: p.macAddress,
    fixedIps: p.fixedIps.filter((f) => isV4(f.ip)).map((f) => ({ subnetId: f.subnetId, ip: f.ip })),
    deviceOwner: p.deviceOwner as PortState['deviceOwner'],
    deviceId: p.deviceId,
    tapName: tapName(p.id),
    ...(hostname && HOSTNAME.test(hostname) ? { hostname } : {}),
    portSecurity: p.portSecurityEnabled,
    securityGroupIds: p.securityGroups.map((g) => g.securityGroupId).sort(),
  };
}

function protocolOf(protocol: string | null, ethertype: string): SecurityGroupRuleState['protocol'] {
  if (protocol === null) return undefined;
  const number = PROTOCOL_NUMBERS[protocol] ?? Number(protocol);
  if (ethertype === 'IPv6' && number === 1) return 58;
  if (number === 6) return 'tcp';
  if (number === 17) return 'udp';
  if (number === 1) return 'icmp';
  return number;
}

async function securityGroups(db: Db, ids: string[]): Promise<SecurityGroupState[]> {
  if (ids.length === 0) return [];
  const groups = await db.securityGroup.findMany({ where: { id: { in: ids } }, include: { rules: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] } }, orderBy: { id: 'asc' } });
  const remoteIds = [...new Set(groups.flatMap((g) => g.rules.map((r) => r.remoteGroupId).filter((id): id is string => id !== null)))];
  // A remote group stands for its members' addresses, on whichever node they are.
  const members = await db.port.findMany({ where: { securityGroups: { some: { securityGroupId: { in: remoteIds } } } }, include: portInclude });
  const addressesOf = (groupId: string, ethertype: string) =>
    [...new Set(members.filter((m) => m.securityGroups.some((g) => g.securityGroupId === groupId)).flatMap((m) => m.fixedIps.map((f) => f.ip)))]
      .filter((ip) => (ethertype === 'IPv4') === isV4(ip))
      .sort()
      .map((ip) => `${ip}/${isV4(ip) ? 32 : 128}`);
  return groups.map((g) => ({
    id: g.id,
    rules: g.rules.map((r) => {
      const protocol = protocolOf(r.protocol, r.ethertype);
      return {
        direction: r.direction as 'ingress' | 'egress',
        ethertype: r.ethertype as 'IPv4' | 'IPv6',
        ...(protocol !== undefined && { protocol }),
        ...(r.portRangeMin !== null && { portRangeMin: r.portRangeMin }),
        ...(r.portRangeMax !== null && { portRangeMax: r.portRangeMax }),
        remoteIpPrefixes: r.remoteGroupId ? addressesOf(r.remoteGroupId, r.ethertype) : r.remoteIpPrefix ? [r.remoteIpPrefix] : [],
        ...(r.remoteGroupId && { remoteGroupId: r.remoteGroupId }),
      };
    }),
  }));
}

async function routers(db: Db, ports: PortRow[]): Promise<RouterState[]> {
  const rows = await db.router.findMany({ orderBy: { id: 'asc' } });
  const subnets = new Map((await db.subnet.findMany({ where: { ipVersion: 4 } })).map((s) => [s.id, s]));
  const fips = await db.floatingIp.findMany({ where: { routerId: { not: null }, portId: { not: null } }, orderBy: { id: 'asc' } });
  return rows.map((r) => {
    const gw = ports.find((p) => p.deviceId === r.id && p.deviceOwner === NETWORK_OWNED_DEVICES.routerGateway);
    const gwIp = gw?.fixedIps.find((f) => subnets.has(f.subnetId));
    const gwSubnet = gwIp ? subnets.get(gwIp.subnetId)! : undefined;
    return {
      id: r.id,
      gatewayPort: gw && gwIp && gwSubnet ? { portId: gw.id, networkId: gw.networkId, ip: gwIp.ip, cidr: gwSubnet.cidr, gatewayIp: gwSubnet.gatewayIp } : null,
      enableSnat: r.enableSnat,
      interfaces: ports
        .filter((p) => p.deviceId === r.id && p.deviceOwner === NETWORK_OWNED_DEVICES.routerInterface)
        .flatMap((p) => p.fixedIps.filter((f) => subnets.has(f.subnetId)).map((f) => ({ portId: p.id, networkId: p.networkId, ip: f.ip, cidr: subnets.get(f.subnetId)!.cidr })))
        .sort((a, b) => a.portId.localeCompare(b.portId) || a.ip.localeCompare(b.ip)),
      routes: (r.routes as Array<{ destination: string; nexthop: string }>).filter((x) => parseCidr(x.destination)?.version === 4),
      floatingIps: fips.filter((f) => f.routerId === r.id && isV4(f.floatingIpAddress)).map((f) => ({ floatingIp: f.floatingIpAddress, fixedIp: f.fixedIpAddress!, portId: f.portId! })),
    };
  });
}

export async function desiredNetworkState(db: Db, nodeName: string): Promise<NetworkState> {
  const generation = await currentNetworkGeneration(db);
  const hostsServices = (await serviceNode(db)) === nodeName;
  const serviceOwners = [NETWORK_OWNED_DEVICES.dhcp, NETWORK_OWNED_DEVICES.routerInterface, NETWORK_OWNED_DEVICES.routerGateway];
  const ports = await db.port.findMany({
    where: { OR: [{ hostId: nodeName, deviceOwner: { startsWith: 'compute:' } }, ...(hostsServices ? [{ deviceOwner: { in: serviceOwners } }] : [])] },
    include: portInclude,
    orderBy: { id: 'asc' },
  });
  const instanceIds = ports.filter((p) => p.deviceOwner.startsWith('compute:')).map((p) => p.deviceId);
  const hostnames = new Map(
    (await db.instance.findMany({ where: { id: { in: instanceIds } }, select: { id: true, hostname: true } })).filter((i) => i.hostname).map((i) => [i.id, i.hostname!]),
  );
  const networkIds = [...new Set(ports.map((p) => p.networkId))];
  const networks = await db.network.findMany({ where: { id: { in: networkIds } }, include: { subnets: { where: { ipVersion: 4 }, orderBy: { id: 'asc' } } }, orderBy: { id: 'asc' } });
  const peers = await db.computeNode.findMany({ where: { name: { not: nodeName }, hostIp: { not: null } }, select: { name: true, hostIp: true }, orderBy: { name: 'asc' } });
  const state: NetworkState = {
    node: nodeName,
    generation,
    networks: networks.map((n) => ({
      id: n.id,
      vni: n.networkType === 'vxlan' && !n.external ? n.segmentationId : null,
      mtu: Math.min(n.mtu, 9000),
      external: n.external,
      subnets: n.subnets.map((s) => ({
        id: s.id,
        cidr: s.cidr,
        gatewayIp: s.gatewayIp,
        dhcp: s.enableDhcp,
        dnsNameservers: s.dnsNameservers.filter(isV4),
        hostRoutes: (s.hostRoutes as Array<{ destination: string; nexthop: string }>).filter((r) => parseCidr(r.destination)?.version === 4),
        allocationPools: s.allocationPools as unknown as Pool[],
      })),
    })),
    ports: ports.map((p) => portState(p, hostnames)),
    routers: hostsServices ? await routers(db, ports) : [],
    securityGroups: await securityGroups(db, [...new Set(ports.filter((p) => p.portSecurityEnabled).flatMap((p) => p.securityGroups.map((g) => g.securityGroupId)))]),
    peers: peers.filter((p) => isV4(p.hostIp!)).map((p) => ({ node: p.name, underlayIp: p.hostIp! })),
  };
  // The contract is the agent's input: a document it would refuse must fail here, loudly, instead.
  return NetworkStateSchema.parse(state);
}
