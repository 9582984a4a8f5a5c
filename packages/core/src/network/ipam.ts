import { Prisma, type Subnet } from '@nimbus/db';
import type { Tx } from './common.js';
import { contains, firstFree, formatIp, parseCidr, parseIp, type IpVersion, type Pool } from './addresses.js';
import { badRequest, conflict, invalidInput, notFound } from './errors.js';

/**
 * IP address management. Two guards keep an address from being handed out twice: a per-subnet
 * advisory lock serialises the pick-and-insert of concurrent requests, and the (subnet, ip)
 * primary key of IpAllocation refuses whatever would still slip through.
 */
const SUBNET_LOCK = 0x71b2;

export async function lockSubnet(tx: Pick<Tx, '$executeRaw'>, subnetId: string): Promise<void> {
  await tx.$executeRaw(Prisma.sql`SELECT pg_advisory_xact_lock(${SUBNET_LOCK}::int, hashtext(${subnetId}))`);
}

export function subnetPools(subnet: Pick<Subnet, 'allocationPools'>): Pool[] {
  return subnet.allocationPools as unknown as Pool[];
}

export interface FixedIpRequest {
  subnet_id?: string | undefined;
  ip_address?: string | undefined;
}

/** One address to allocate: a subnet, and the address when the caller named one. */
interface Wanted {
  subnet: Subnet;
  ip: string | null;
}

function resolveRequest(subnets: Subnet[], req: FixedIpRequest, index: number, networkId: string): Wanted {
  const field = `fixed_ips.${index}`;
  const ip = req.ip_address === undefined ? null : parseIp(req.ip_address);
  if (req.ip_address !== undefined && !ip) throw invalidInput(`${field}.ip_address`, `'${req.ip_address}' is not a valid IP address`);
  const canonical = ip ? formatIp(ip.value, ip.version) : null;
  const subnet = req.subnet_id !== undefined ? subnets.find((s) => s.id === req.subnet_id) : ip ? subnets.find((s) => inside(s, ip.version, ip.value)) : undefined;
  if (!subnet) {
    if (req.subnet_id !== undefined) throw badRequest(`Invalid input for operation: Failed to create port on network ${networkId}, because fixed_ips included invalid subnet ${req.subnet_id}.`, `${field}.subnet_id`);
    if (ip) throw badRequest(`Invalid input for operation: IP address ${canonical} is not a valid IP for any of the subnets on the specified network.`, `${field}.ip_address`);
    throw invalidInput(field, 'a fixed IP needs a subnet_id or an ip_address');
  }
  if (ip && !inside(subnet, ip.version, ip.value)) {
    throw badRequest(`Invalid input for operation: IP address ${canonical} is not a valid IP for the specified subnet.`, `${field}.ip_address`);
  }
  return { subnet, ip: canonical };
}

function inside(subnet: Subnet, version: IpVersion, value: bigint): boolean {
  const cidr = parseCidr(subnet.cidr);
  return cidr !== null && contains(cidr, version, value);
}

/**
 * Allocates addresses for a port inside the caller's transaction. Without a request, one address
 * comes from the network's first IPv4 subnet with a free one (then IPv6), as Neutron picks.
 * Exhaustion is Neutron's 409 IpAddressGenerationFailure; a named address already taken is 409
 * IpAddressAlreadyAllocated.
 */
export async function allocateFixedIps(tx: Tx, args: { networkId: string; portId: string; requested?: FixedIpRequest[] | undefined }): Promise<void> {
  const subnets = await tx.subnet.findMany({ where: { networkId: args.networkId }, orderBy: [{ ipVersion: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }] });
  if (args.requested === undefined) {
    if (subnets.length === 0) return;
    for (const subnet of subnets) {
      if (await allocateOne(tx, args, { subnet, ip: null }, false)) return;
    }
    throw exhausted(args.networkId);
  }
  const wanted = args.requested.map((r, i) => resolveRequest(subnets, r, i, args.networkId));
  for (const w of wanted) {
    if (!(await allocateOne(tx, args, w, true))) throw exhausted(args.networkId);
  }
}

function exhausted(networkId: string) {
  return conflict('IpAddressGenerationFailure', `No more IP addresses available on network ${networkId}.`);
}

async function allocateOne(tx: Tx, args: { networkId: string; portId: string }, w: Wanted, named: boolean): Promise<boolean> {
  await lockSubnet(tx, w.subnet.id);
  // A subnet delete that held the lock before us has committed by now: its subnet is gone.
  if (!(await tx.subnet.findUnique({ where: { id: w.subnet.id }, select: { id: true } }))) throw notFound('subnet', w.subnet.id);
  if (w.ip) {
    const taken = await tx.ipAllocation.findUnique({ where: { subnetId_ip: { subnetId: w.subnet.id, ip: w.ip } } });
    if (taken) throw conflict('IpAddressAlreadyAllocated', `IP address ${w.ip} already allocated in subnet ${w.subnet.id}`);
    await tx.ipAllocation.create({ data: { subnetId: w.subnet.id, ip: w.ip, portId: args.portId, networkId: args.networkId } });
    return true;
  }
  const taken = new Set((await tx.ipAllocation.findMany({ where: { subnetId: w.subnet.id }, select: { ip: true } })).map((a) => a.ip));
  const ip = firstFree(subnetPools(w.subnet), w.subnet.ipVersion as IpVersion, taken);
  if (!ip) {
    if (named) throw exhausted(args.networkId);
    return false;
  }
  await tx.ipAllocation.create({ data: { subnetId: w.subnet.id, ip, portId: args.portId, networkId: args.networkId } });
  return true;
}
