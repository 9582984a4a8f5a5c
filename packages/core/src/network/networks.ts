import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { Prisma, type Network } from '@nimbus/db';
import { Forbidden, ServiceUnavailable } from '@nimbus/shared';
import type { RequestContext } from '../identity/context.js';
import { loadConfig } from '../config.js';
import { authorize, bumpRevision, can, caller, ownerFields, owningProject, parseBody, standardAttrs, target, TX_OPTIONS, zBool, zDescription, zName, type Caller, type Tx } from './common.js';
import { conflict, invalidInput, neutronError, notFound } from './errors.js';
import { networkChanged } from './changes.js';
import { checkNetworkQuota } from './quotas.js';
import { NETWORK_OWNED_DEVICES } from './ports-common.js';

/**
 * Neutron networks. Tenant networks are VXLAN with a VNI from NEUTRON_VNI_RANGE; admins may
 * choose flat or VLAN segments on a physical network. A segment belongs to one network
 * (`segmentKey` is unique), so two admins racing for one VLAN get one network and one 409.
 */
export const NETWORK_TYPES = ['vxlan', 'flat', 'vlan'] as const;

type NetworkWithSubnets = Network & { subnets: Array<{ id: string }> };
const withSubnets = { subnets: { select: { id: true }, orderBy: { createdAt: 'asc' } } } satisfies Prisma.NetworkInclude;

export function networkView(row: NetworkWithSubnets, showProvider: boolean): Record<string, unknown> {
  return {
    id: row.id,
    name: row.name,
    admin_state_up: row.adminStateUp,
    status: 'ACTIVE',
    subnets: row.subnets.map((s) => s.id),
    shared: row.shared,
    'router:external': row.external,
    mtu: row.mtu,
    port_security_enabled: true,
    availability_zone_hints: [],
    availability_zones: ['nova'],
    ipv4_address_scope: null,
    ipv6_address_scope: null,
    is_default: false,
    l2_adjacency: true,
    ...(showProvider
      ? { 'provider:network_type': row.networkType, 'provider:physical_network': row.physicalNetwork, 'provider:segmentation_id': row.segmentationId }
      : {}),
    ...standardAttrs(row),
  };
}

function seesProvider(c: Caller): boolean {
  return can(c.auth, 'get_network:provider:network_type', target(c.projectId));
}

/** What a caller may see: their project's networks, shared and external ones; admins all. */
export function visibleNetworksWhere(c: Caller): Prisma.NetworkWhereInput {
  return c.admin ? {} : { OR: [{ projectId: c.projectId }, { shared: true }, { external: true }] };
}

export async function findVisibleNetwork(db: Pick<Tx, 'network'>, c: Caller, id: string): Promise<Network> {
  const row = await db.network.findFirst({ where: { AND: [{ id }, visibleNetworksWhere(c)] } });
  if (!row) throw notFound('network', id);
  return row;
}

const zMtu = z.number({ message: 'must be an integer' }).int('must be an integer').min(68, 'must be at least 68');

const ZCreateNetwork = z.strictObject({
  name: zName.optional(),
  description: zDescription.optional(),
  admin_state_up: zBool.optional(),
  shared: zBool.optional(),
  'router:external': zBool.optional(),
  mtu: zMtu.optional(),
  port_security_enabled: z.literal(true, { message: 'port security is always on for networks in nimbus; turn it off per port' }).optional(),
  availability_zone_hints: z.array(z.string()).max(0, 'nimbus has one availability zone for networks; leave it empty').optional(),
  'provider:network_type': z.enum(NETWORK_TYPES, { message: `must be one of ${NETWORK_TYPES.join(', ')}` }).optional(),
  'provider:physical_network': z.string().min(1, 'must not be empty').max(64, 'must be at most 64 characters').optional(),
  'provider:segmentation_id': z.number({ message: 'must be an integer' }).int('must be an integer').min(1, 'must be at least 1').optional(),
  ...ownerFields,
});

interface Segment {
  networkType: (typeof NETWORK_TYPES)[number];
  physicalNetwork: string | null;
  segmentationId: number | null;
}

const VNI_LOCK = 0x71b1;

/** The lowest free VNI of the range, under a lock so that racing creates never pick the same one. */
async function allocateVni(tx: Tx): Promise<number> {
  const [first, last] = loadConfig().NEUTRON_VNI_RANGE.split(':').map(Number) as [number, number];
  await tx.$executeRaw(Prisma.sql`SELECT pg_advisory_xact_lock(${VNI_LOCK}::int, 0)`);
  const used = new Set(
    (await tx.network.findMany({ where: { networkType: 'vxlan', segmentationId: { gte: first, lte: last } }, select: { segmentationId: true } })).map((n) => n.segmentationId),
  );
  for (let vni = first; vni <= last; vni++) if (!used.has(vni)) return vni;
  throw neutronError(new ServiceUnavailable('Unable to create the network. No tenant network is available for allocation.'), 'NoNetworkAvailable');
}

function requestedSegment(input: z.output<typeof ZCreateNetwork>): Segment | null {
  const type = input['provider:network_type'];
  const physnet = input['provider:physical_network'];
  const segId = input['provider:segmentation_id'];
  if (type === undefined) {
    if (physnet !== undefined || segId !== undefined) throw invalidInput('provider:network_type', 'provider:network_type is required with the other provider attributes');
    return null;
  }
  if (type === 'vxlan') {
    if (physnet !== undefined) throw invalidInput('provider:physical_network', 'provider:physical_network specified for vxlan network');
    if (segId !== undefined && segId > 16_777_215) throw invalidInput('provider:segmentation_id', `${segId} is out of range 1 to 16777215 for VXLAN`);
    return { networkType: 'vxlan', physicalNetwork: null, segmentationId: segId ?? null };
  }
  if (physnet === undefined) throw invalidInput('provider:physical_network', `provider:physical_network required for ${type} provider network`);
  if (type === 'flat') {
    if (segId !== undefined) throw invalidInput('provider:segmentation_id', 'provider:segmentation_id specified for flat network');
    return { networkType: 'flat', physicalNetwork: physnet, segmentationId: null };
  }
  if (segId === undefined) throw invalidInput('provider:segmentation_id', 'provider:segmentation_id required for vlan provider network');
  if (segId > 4094) throw invalidInput('provider:segmentation_id', `${segId} is out of range 1 to 4094 for VLAN`);
  return { networkType: 'vlan', physicalNetwork: physnet, segmentationId: segId };
}

function segmentKey(s: Segment): string {
  return s.networkType === 'vxlan' ? `vxlan:${s.segmentationId}` : s.networkType === 'vlan' ? `vlan:${s.physicalNetwork}:${s.segmentationId}` : `flat:${s.physicalNetwork}`;
}

function maxMtu(type: Segment['networkType']): number {
  const config = loadConfig();
  return type === 'vxlan' ? config.NEUTRON_TENANT_MTU : config.NEUTRON_PHYSICAL_MTU;
}

/** Admin-only attributes: a member naming them gets Neutron's 403. */
function authorizeAdminAttributes(c: Caller, input: { shared?: boolean | undefined; 'router:external'?: boolean | undefined }, projectId: string, provider: boolean): void {
  if (input.shared !== undefined) authorize(c.auth, 'create_network:shared', target(projectId));
  if (input['router:external'] !== undefined) authorize(c.auth, 'create_network:router:external', target(projectId));
  if (provider) authorize(c.auth, 'create_network:provider:network_type', target(projectId));
}

/** `POST /v2.0/networks`. */
export async function createNetwork(ctx: RequestContext, body: unknown): Promise<Record<string, unknown>> {
  const c = caller(ctx);
  const input = parseBody(ZCreateNetwork, body, 'network');
  const projectId = owningProject(c, input, 'create_network');
  const requested = requestedSegment(input);
  authorizeAdminAttributes(c, input, projectId, requested !== null);
  const type = requested?.networkType ?? 'vxlan';
  if (input.mtu !== undefined && input.mtu > maxMtu(type)) throw invalidInput('mtu', `Requested MTU is too big, maximum is ${maxMtu(type)}`);
  const row = await ctx.db
    .$transaction(async (tx) => {
      await checkNetworkQuota(tx, projectId, 'network');
      const segment = requested && (requested.networkType !== 'vxlan' || requested.segmentationId !== null) ? requested : { networkType: 'vxlan' as const, physicalNetwork: null, segmentationId: await allocateVni(tx) };
      return tx.network.create({
        data: {
          id: randomUUID(),
          projectId,
          name: input.name ?? '',
          description: input.description ?? '',
          adminStateUp: input.admin_state_up ?? true,
          shared: input.shared ?? false,
          external: input['router:external'] ?? false,
          mtu: input.mtu ?? maxMtu(segment.networkType),
          ...segment,
          segmentKey: segmentKey(segment),
        },
        include: withSubnets,
      });
    }, TX_OPTIONS)
    .catch((err: unknown) => {
      if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') {
        throw conflict('SegmentationIdInUse', `Unable to create the network. The segment of ${type} ${requested?.physicalNetwork ?? ''} ${requested?.segmentationId ?? ''} is in use.`.replace(/\s+/g, ' '));
      }
      throw err;
    });
  ctx.log.info({ networkId: row.id, segment: row.segmentKey }, 'network created');
  await networkChanged(ctx, { type: 'network', id: row.id, projectId });
  return networkView(row, seesProvider(c));
}

export async function listNetworks(ctx: RequestContext): Promise<Array<Record<string, unknown>>> {
  const c = caller(ctx);
  authorize(c.auth, 'get_network', target(c.projectId));
  const rows = await ctx.db.network.findMany({ where: visibleNetworksWhere(c), include: withSubnets, orderBy: { id: 'asc' } });
  return rows.map((r) => networkView(r, seesProvider(c)));
}

export async function getNetwork(ctx: RequestContext, id: string): Promise<Record<string, unknown>> {
  const c = caller(ctx);
  const row = await ctx.db.network.findFirst({ where: { AND: [{ id }, visibleNetworksWhere(c)] }, include: withSubnets });
  if (!row) throw notFound('network', id);
  authorize(c.auth, 'get_network', target(row.projectId === c.projectId || c.admin ? row.projectId : c.projectId));
  return networkView(row, seesProvider(c));
}

/** A network the caller may change: their own, or any for admins; anything else is not found. */
async function ownNetwork(ctx: RequestContext, c: Caller, id: string, rule: string): Promise<Network> {
  const row = await ctx.db.network.findUnique({ where: { id } });
  if (!row || (!c.admin && row.projectId !== c.projectId)) {
    if (row && (row.shared || row.external)) throw neutronError(new Forbidden(`The request you have made requires authorization for network ${id}.`), 'HTTPForbidden');
    throw notFound('network', id);
  }
  authorize(c.auth, rule, target(row.projectId));
  return row;
}

const ZUpdateNetwork = z.strictObject({
  name: zName.optional(),
  description: zDescription.optional(),
  admin_state_up: zBool.optional(),
  shared: zBool.optional(),
  'router:external': zBool.optional(),
  mtu: zMtu.optional(),
});

/** `PUT /v2.0/networks/{id}`. Unsharing a network other projects have ports on is refused, as Neutron does. */
export async function updateNetwork(ctx: RequestContext, id: string, body: unknown): Promise<Record<string, unknown>> {
  const c = caller(ctx);
  const input = parseBody(ZUpdateNetwork, body, 'network');
  const current = await ownNetwork(ctx, c, id, 'update_network');
  authorizeAdminAttributes(c, input, current.projectId, false);
  if (input.mtu !== undefined && input.mtu > maxMtu(current.networkType as Segment['networkType'])) {
    throw invalidInput('mtu', `Requested MTU is too big, maximum is ${maxMtu(current.networkType as Segment['networkType'])}`);
  }
  const row = await ctx.db.$transaction(async (tx) => {
    await tx.$queryRaw(Prisma.sql`SELECT 1 FROM "Network" WHERE "id" = ${id} FOR UPDATE`);
    if (input.shared === false && current.shared) {
      const foreign = await tx.port.count({ where: { networkId: id, projectId: { notIn: [current.projectId, ''] } } });
      if (foreign > 0) throw conflict('InvalidSharedSetting', `Unable to reconfigure sharing settings for network ${id}. Multiple tenants are using it.`);
    }
    return tx.network.update({
      where: { id },
      data: {
        ...(input.name !== undefined && { name: input.name }),
        ...(input.description !== undefined && { description: input.description }),
        ...(input.admin_state_up !== undefined && { adminStateUp: input.admin_state_up }),
        ...(input.shared !== undefined && { shared: input.shared }),
        ...(input['router:external'] !== undefined && { external: input['router:external'] }),
        ...(input.mtu !== undefined && { mtu: input.mtu }),
        ...bumpRevision,
      },
      include: withSubnets,
    });
  }, TX_OPTIONS);
  await networkChanged(ctx, { type: 'network', id, projectId: row.projectId });
  return networkView(row, seesProvider(c));
}

/**
 * `DELETE /v2.0/networks/{id}`. Only the network's own DHCP port goes with it; any other port
 * (instances, router interfaces, floating IPs) makes it 409 NetworkInUse. The row lock keeps a
 * port create from slipping in between the check and the delete.
 */
export async function deleteNetwork(ctx: RequestContext, id: string): Promise<void> {
  const c = caller(ctx);
  const row = await ownNetwork(ctx, c, id, 'delete_network');
  await ctx.db.$transaction(async (tx) => {
    await tx.$queryRaw(Prisma.sql`SELECT 1 FROM "Network" WHERE "id" = ${id} FOR UPDATE`);
    const inUse = await tx.port.count({ where: { networkId: id, deviceOwner: { not: NETWORK_OWNED_DEVICES.dhcp } } });
    if (inUse > 0) {
      throw conflict('NetworkInUse', `Unable to complete operation on network ${id}. There are one or more ports still in use on the network.`);
    }
    await tx.port.deleteMany({ where: { networkId: id } });
    await tx.network.delete({ where: { id } });
  }, TX_OPTIONS);
  ctx.log.info({ networkId: id }, 'network deleted');
  await networkChanged(ctx, { type: 'network', id, projectId: row.projectId });
}
