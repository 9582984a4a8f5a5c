import { z } from 'zod';
import { NodeNameSchema } from './queues.js';

/**
 * The desired datapath of one node (networking issue, DESIGN.md §6): what the web serves at
 * `/internal/network-state/<node>` from the database and what the node's network driver makes the
 * kernel match. It is complete, not a diff — anything on the node it does not name is stale — so a
 * restarted agent converges from it alone. `generation` grows with every change, letting an agent
 * skip a `network-sync` job older than the state it already applied.
 */

const ipv4 = z.ipv4();
const cidr = z.cidrv4();

/** Neutron ids are UUIDs; device names are cut from them, so only hex and dashes are allowed. */
const IdSchema = z.string().regex(/^[0-9a-f][0-9a-f-]{10,63}$/, 'lowercase hex id (a UUID)');

export const SubnetStateSchema = z.object({
  id: IdSchema,
  cidr,
  gatewayIp: ipv4.nullable(),
  dhcp: z.boolean(),
  dnsNameservers: z.array(ipv4),
  hostRoutes: z.array(z.object({ destination: cidr, nexthop: ipv4 })),
  allocationPools: z.array(z.object({ start: ipv4, end: ipv4 })),
});
export type SubnetState = z.infer<typeof SubnetStateSchema>;

export const NetworkStateNetworkSchema = z.object({
  id: IdSchema,
  /** VXLAN id of a tenant network; external networks are bridged locally and need none. */
  vni: z.number().int().min(1).max(16_777_215).nullable(),
  mtu: z.number().int().min(68).max(9000),
  external: z.boolean(),
  subnets: z.array(SubnetStateSchema),
});
export type NetworkStateNetwork = z.infer<typeof NetworkStateNetworkSchema>;

export const DeviceOwnerSchema = z.union([
  z.string().regex(/^compute:[^\s]+$/, 'compute:<availability zone>'),
  z.enum(['network:dhcp', 'network:router_interface', 'network:router_gateway', 'network:floatingip']),
]);
export type DeviceOwner = z.infer<typeof DeviceOwnerSchema>;

/** Neutron's tap name: `tap` + the first 11 characters of the port id (15 = IFNAMSIZ - 1). */
export function tapName(portId: string): string {
  return `tap${portId.slice(0, 11)}`;
}

export const PortStateSchema = z
  .object({
    id: IdSchema,
    networkId: IdSchema,
    mac: z.string().regex(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/, 'lowercase MAC aa:bb:cc:dd:ee:ff'),
    fixedIps: z.array(z.object({ subnetId: IdSchema, ip: ipv4 })),
    deviceOwner: DeviceOwnerSchema,
    deviceId: z.string(),
    tapName: z.string().regex(/^tap[0-9a-f-]{11}$/, 'tap + first 11 characters of the port id'),
    /** The instance's hostname, used in the DHCP host entry; defaults to `host-<ip with dashes>`. */
    hostname: z.string().regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/).optional(),
    portSecurity: z.boolean(),
    securityGroupIds: z.array(IdSchema),
  })
  .refine((p) => p.tapName === tapName(p.id), { path: ['tapName'], message: 'must be tap + first 11 characters of id' });
export type PortState = z.infer<typeof PortStateSchema>;

export const RouterStateSchema = z.object({
  id: IdSchema,
  /** The router's port on the external network: its address, that subnet's CIDR and gateway. */
  gatewayPort: z.object({ portId: IdSchema, networkId: IdSchema, ip: ipv4, cidr, gatewayIp: ipv4.nullable() }).nullable(),
  enableSnat: z.boolean(),
  /** One per subnet the router serves; `cidr` is the subnet's, `ip` the router's address in it. */
  interfaces: z.array(z.object({ portId: IdSchema, networkId: IdSchema, ip: ipv4, cidr })),
  routes: z.array(z.object({ destination: cidr, nexthop: ipv4 })),
  floatingIps: z.array(z.object({ floatingIp: ipv4, fixedIp: ipv4, portId: IdSchema })),
});
export type RouterState = z.infer<typeof RouterStateSchema>;

export const SecurityGroupRuleStateSchema = z.object({
  direction: z.enum(['ingress', 'egress']),
  ethertype: z.enum(['IPv4', 'IPv6']),
  /** Neutron's protocol names or an IP protocol number; absent = any. */
  protocol: z.union([z.enum(['tcp', 'udp', 'icmp']), z.number().int().min(0).max(255)]).optional(),
  portRangeMin: z.number().int().min(0).max(65535).optional(),
  portRangeMax: z.number().int().min(0).max(65535).optional(),
  /** A remote CIDR, or a remote group already resolved to its members' /32s; empty = anywhere... */
  remoteIpPrefixes: z.array(z.string().min(1)),
  /** ...unless the rule names a remote group: then an empty list (a group without members) matches nobody. */
  remoteGroupId: IdSchema.optional(),
});
export type SecurityGroupRuleState = z.infer<typeof SecurityGroupRuleStateSchema>;

export const SecurityGroupStateSchema = z.object({
  id: IdSchema,
  rules: z.array(SecurityGroupRuleStateSchema),
});
export type SecurityGroupState = z.infer<typeof SecurityGroupStateSchema>;

export const NetworkStateSchema = z.object({
  node: NodeNameSchema,
  generation: z.number().int().nonnegative(),
  /** Every network with a port in `ports` (the node makes a bridge for each). */
  networks: z.array(NetworkStateNetworkSchema),
  /**
   * The ports this node serves: its instances' ports, and on a network node the DHCP ports (one
   * dnsmasq per network) and its routers' interface and gateway ports.
   */
  ports: z.array(PortStateSchema),
  /** The routers hosted on this node (one namespace each). */
  routers: z.array(RouterStateSchema),
  securityGroups: z.array(SecurityGroupStateSchema),
  /** The other nodes' VXLAN endpoints (this node's own address comes from its agent config). */
  peers: z.array(z.object({ node: NodeNameSchema, underlayIp: ipv4 })),
});
export type NetworkState = z.infer<typeof NetworkStateSchema>;
