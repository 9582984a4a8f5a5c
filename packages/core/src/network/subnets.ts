import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { Prisma, type Subnet } from '@nimbus/db';
import { Forbidden } from '@nimbus/shared';
import type { RequestContext } from '../identity/context.js';
import { authorize, bumpRevision, caller, ownerFields, owningProject, parseBody, standardAttrs, target, TX_OPTIONS, zBool, zDescription, zName, zUuid, type Caller, type Tx } from './common.js';
import { conflict, invalidInput, neutronError, notFound } from './errors.js';
import { canonicalIp, contains, defaultGateway, defaultPools, formatCidr, overlaps, parseCidr, parseIp, poolProblem, type Cidr, type Pool } from './addresses.js';
import { networkChanged } from './changes.js';
import { checkNetworkQuota } from './quotas.js';
import { findVisibleNetwork, visibleNetworksWhere } from './networks.js';
import { lockSubnet, subnetPools } from './ipam.js';
import { ensureDhcpPort, releaseDhcpAddress } from './dhcp-port.js';
import { NETWORK_OWNED_DEVICES } from './ports-common.js';

export function subnetView(row: Subnet): Record<string, unknown> {
  return {
    id: row.id,
    name: row.name,
    network_id: row.networkId,
    ip_version: row.ipVersion,
    cidr: row.cidr,
    gateway_ip: row.gatewayIp,
    allocation_pools: subnetPools(row),
    enable_dhcp: row.enableDhcp,
    dns_nameservers: row.dnsNameservers,
    host_routes: row.hostRoutes,
    ipv6_ra_mode: null,
    ipv6_address_mode: null,
    subnetpool_id: null,
    service_types: [],
    segment_id: null,
    dns_publish_fixed_ip: false,
    ...standardAttrs(row),
  };
}

const zIpText = z.string({ message: 'must be a string' });
const ZHostRoute = z.strictObject({ destination: zIpText, nexthop: zIpText });

const ZCreateSubnet = z.strictObject({
  network_id: zUuid,
  cidr: z.string({ message: 'must be a string' }),
  ip_version: z.union([z.literal(4), z.literal(6)], { message: "must be 4 or 6" }).optional(),
  name: zName.optional(),
  description: zDescription.optional(),
  gateway_ip: zIpText.nullable().optional(),
  allocation_pools: z.array(z.strictObject({ start: zIpText, end: zIpText })).optional(),
  enable_dhcp: zBool.optional(),
  dns_nameservers: z.array(zIpText).max(5, 'at most 5 nameservers').optional(),
  host_routes: z.array(ZHostRoute).max(20, 'at most 20 host routes').optional(),
  ipv6_ra_mode: z.null({ message: 'IPv6 RA modes are not supported' }).optional(),
  ipv6_address_mode: z.null({ message: 'IPv6 address modes are not supported' }).optional(),
  subnetpool_id: z.null({ message: 'subnet pools are not supported; give a cidr' }).optional(),
  segment_id: z.null({ message: 'routed network segments are not supported' }).optional(),
  service_types: z.array(z.string()).max(0, 'service types are not supported').optional(),
  ...ownerFields,
});

function nameservers(list: string[]): string[] {
  const out = list.map((s, i) => {
    const ip = canonicalIp(s);
    if (!ip) throw invalidInput(`dns_nameservers.${i}`, `'${s}' is not a valid nameserver`);
    return ip;
  });
  if (new Set(out).size !== out.length) throw invalidInput('dns_nameservers', `Duplicate nameserver '${out.find((s, i) => out.indexOf(s) !== i)}'`);
  return out;
}

function hostRoutes(cidr: Cidr, routes: Array<{ destination: string; nexthop: string }>): Array<{ destination: string; nexthop: string }> {
  return routes.map((r, i) => {
    const dest = parseCidr(r.destination);
    const hop = parseIp(r.nexthop);
    if (!dest || dest.version !== cidr.version) throw invalidInput(`host_routes.${i}.destination`, `'${r.destination}' is not a valid IPv${cidr.version} subnet`);
    if (!hop || hop.version !== cidr.version) throw invalidInput(`host_routes.${i}.nexthop`, `'${r.nexthop}' is not a valid IPv${cidr.version} address`);
    return { destination: formatCidr(dest), nexthop: canonicalIp(r.nexthop)! };
  });
}

function gatewayOf(cidr: Cidr, given: string | null | undefined): string | null {
  if (given === undefined) return defaultGateway(cidr);
  if (given === null) return null;
  const ip = parseIp(given);
  if (!ip || !contains(cidr, ip.version, ip.value)) throw invalidInput('gateway_ip', `Gateway IP ${given} is not valid on subnet ${formatCidr(cidr)}`);
  return canonicalIp(given);
}

function poolsOf(cidr: Cidr, given: Pool[] | undefined, gateway: string | null): Pool[] {
  if (given === undefined) return defaultPools(cidr, gateway);
  const problem = poolProblem(cidr, given, gateway);
  if (problem) throw invalidInput('allocation_pools', problem);
  return given.map((p) => ({ start: canonicalIp(p.start)!, end: canonicalIp(p.end)! }));
}

/**
 * `POST /v2.0/subnets`. Subnets of one network may not overlap (400); other networks' may, across
 * projects and within one. Only the network's owner (or an admin) adds subnets, as Neutron.
 * A DHCP-enabled subnet gives the network's DHCP port an address on it.
 */
export async function createSubnet(ctx: RequestContext, body: unknown): Promise<Record<string, unknown>> {
  const c = caller(ctx);
  const input = parseBody(ZCreateSubnet, body, 'subnet');
  const projectId = owningProject(c, input, 'create_subnet');
  const cidr = parseCidr(input.cidr);
  if (!cidr) throw invalidInput('cidr', `'${input.cidr}' is not a valid IP subnet`);
  if (input.ip_version !== undefined && input.ip_version !== cidr.version) throw invalidInput('ip_version', `Cidr ${input.cidr} does not match the given IP version ${input.ip_version}`);
  if ((cidr.version === 4 && cidr.prefix > 30) || (cidr.version === 6 && cidr.prefix > 126)) throw invalidInput('cidr', `The subnet ${input.cidr} is too small to hold a gateway and hosts`);
  const gateway = gatewayOf(cidr, input.gateway_ip);
  const pools = poolsOf(cidr, input.allocation_pools, gateway);
  const dns = nameservers(input.dns_nameservers ?? []);
  const routes = hostRoutes(cidr, input.host_routes ?? []);
  const network = await findVisibleNetwork(ctx.db, c, input.network_id);
  if (network.projectId !== projectId && !c.admin) throw neutronError(new Forbidden(`Tenant ${projectId} not allowed to create subnet on this network`), 'HTTPForbidden');
  const row = await ctx.db.$transaction(async (tx) => {
    await checkNetworkQuota(tx, projectId, 'subnet');
    await tx.$queryRaw(Prisma.sql`SELECT 1 FROM "Network" WHERE "id" = ${network.id} FOR UPDATE`);
    for (const other of await tx.subnet.findMany({ where: { networkId: network.id } })) {
      const o = parseCidr(other.cidr);
      if (o && overlaps(o, cidr)) {
        throw invalidInput('cidr', `Requested subnet with cidr: ${formatCidr(cidr)} for network: ${network.id} overlaps with another subnet.`);
      }
    }
    const subnet = await tx.subnet.create({
      data: {
        id: randomUUID(),
        projectId,
        networkId: network.id,
        name: input.name ?? '',
        description: input.description ?? '',
        ipVersion: cidr.version,
        cidr: formatCidr(cidr),
        gatewayIp: gateway,
        enableDhcp: input.enable_dhcp ?? true,
        dnsNameservers: dns,
        hostRoutes: routes,
        allocationPools: pools as unknown as Prisma.InputJsonArray,
      },
    });
    if (subnet.enableDhcp && cidr.version === 4) await ensureDhcpPort(tx, network, subnet);
    return subnet;
  }, TX_OPTIONS);
  ctx.log.info({ subnetId: row.id, networkId: row.networkId, cidr: row.cidr }, 'subnet created');
  await networkChanged(ctx, { type: 'subnet', id: row.id, projectId });
  return subnetView(row);
}

function visibleSubnetsWhere(c: Caller): Prisma.SubnetWhereInput {
  return c.admin ? {} : { OR: [{ projectId: c.projectId }, { network: visibleNetworksWhere(c) }] };
}

export async function listSubnets(ctx: RequestContext): Promise<Array<Record<string, unknown>>> {
  const c = caller(ctx);
  authorize(c.auth, 'get_subnet', target(c.projectId));
  const rows = await ctx.db.subnet.findMany({ where: visibleSubnetsWhere(c), orderBy: { id: 'asc' } });
  return rows.map(subnetView);
}

export async function findVisibleSubnet(db: Pick<Tx, 'subnet'>, c: Caller, id: string): Promise<Subnet> {
  const row = await db.subnet.findFirst({ where: { AND: [{ id }, visibleSubnetsWhere(c)] } });
  if (!row) throw notFound('subnet', id);
  return row;
}

export async function getSubnet(ctx: RequestContext, id: string): Promise<Record<string, unknown>> {
  const c = caller(ctx);
  const row = await findVisibleSubnet(ctx.db, c, id);
  authorize(c.auth, 'get_subnet', target(row.projectId === c.projectId || c.admin ? row.projectId : c.projectId));
  return subnetView(row);
}

async function ownSubnet(ctx: RequestContext, c: Caller, id: string, rule: string): Promise<Subnet> {
  const row = await findVisibleSubnet(ctx.db, c, id);
  if (!c.admin && row.projectId !== c.projectId) throw neutronError(new Forbidden(`The request you have made requires authorization for subnet ${id}.`), 'HTTPForbidden');
  authorize(c.auth, rule, target(row.projectId));
  return row;
}

const ZUpdateSubnet = z.strictObject({
  name: zName.optional(),
  description: zDescription.optional(),
  gateway_ip: zIpText.nullable().optional(),
  enable_dhcp: zBool.optional(),
  dns_nameservers: z.array(zIpText).max(5, 'at most 5 nameservers').optional(),
  host_routes: z.array(ZHostRoute).max(20, 'at most 20 host routes').optional(),
});

/** `PUT /v2.0/subnets/{id}`. A new gateway may not sit in a pool nor on another port's address. */
export async function updateSubnet(ctx: RequestContext, id: string, body: unknown): Promise<Record<string, unknown>> {
  const c = caller(ctx);
  const input = parseBody(ZUpdateSubnet, body, 'subnet');
  const current = await ownSubnet(ctx, c, id, 'update_subnet');
  const cidr = parseCidr(current.cidr)!;
  const gateway = input.gateway_ip === undefined ? current.gatewayIp : gatewayOf(cidr, input.gateway_ip);
  if (gateway !== current.gatewayIp && gateway !== null) {
    const problem = poolProblem(cidr, subnetPools(current), gateway);
    if (problem) throw invalidInput('gateway_ip', problem);
  }
  const dns = input.dns_nameservers === undefined ? undefined : nameservers(input.dns_nameservers);
  const routes = input.host_routes === undefined ? undefined : hostRoutes(cidr, input.host_routes);
  const row = await ctx.db.$transaction(async (tx) => {
    await lockSubnet(tx, id);
    if (gateway !== current.gatewayIp && gateway !== null && (await tx.ipAllocation.findUnique({ where: { subnetId_ip: { subnetId: id, ip: gateway } } }))) {
      throw conflict('GatewayIpInUse', `Gateway ip ${gateway} conflicts with an allocated IP address.`);
    }
    const updated = await tx.subnet.update({
      where: { id },
      data: {
        ...(input.name !== undefined && { name: input.name }),
        ...(input.description !== undefined && { description: input.description }),
        ...(input.gateway_ip !== undefined && { gatewayIp: gateway }),
        ...(input.enable_dhcp !== undefined && { enableDhcp: input.enable_dhcp }),
        ...(dns !== undefined && { dnsNameservers: dns }),
        ...(routes !== undefined && { hostRoutes: routes }),
        ...bumpRevision,
      },
    });
    if (input.enable_dhcp === true && !current.enableDhcp && updated.ipVersion === 4) {
      await ensureDhcpPort(tx, await tx.network.findUniqueOrThrow({ where: { id: updated.networkId } }), updated);
    }
    if (input.enable_dhcp === false && current.enableDhcp) await releaseDhcpAddress(tx, updated.id);
    return updated;
  }, TX_OPTIONS);
  await networkChanged(ctx, { type: 'subnet', id, projectId: row.projectId });
  return subnetView(row);
}

/**
 * `DELETE /v2.0/subnets/{id}`: 409 SubnetInUse while any port but the network's DHCP port holds
 * an address on it; the DHCP port gives its address back (and goes, when it was its last one).
 */
export async function deleteSubnet(ctx: RequestContext, id: string): Promise<void> {
  const c = caller(ctx);
  const row = await ownSubnet(ctx, c, id, 'delete_subnet');
  await ctx.db.$transaction(async (tx) => {
    await lockSubnet(tx, id);
    const used = await tx.ipAllocation.count({ where: { subnetId: id, port: { deviceOwner: { not: NETWORK_OWNED_DEVICES.dhcp } } } });
    if (used > 0) throw conflict('SubnetInUse', `Unable to complete operation on subnet ${id}: One or more ports have an IP allocation from this subnet.`);
    await releaseDhcpAddress(tx, id);
    await tx.subnet.delete({ where: { id } });
  }, TX_OPTIONS);
  ctx.log.info({ subnetId: id }, 'subnet deleted');
  await networkChanged(ctx, { type: 'subnet', id, projectId: row.projectId });
}
