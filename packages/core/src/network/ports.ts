import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { Prisma, type Network } from '@nimbus/db';
import { Forbidden } from '@nimbus/shared';
import type { RequestContext } from '../identity/context.js';
import { authorize, bumpRevision, can, caller, isUniqueViolation, ownerFields, owningProject, parseBody, target, TX_OPTIONS, zBool, zDescription, zName, zUuid, type Caller, type Tx } from './common.js';
import { conflict, invalidInput, neutronError, notFound } from './errors.js';
import { canonicalIp, canonicalMac, randomMac } from './addresses.js';
import { allocateFixedIps, type FixedIpRequest } from './ipam.js';
import { networkChanged } from './changes.js';
import { checkNetworkQuota } from './quotas.js';
import { findVisibleNetwork } from './networks.js';
import { ensureDefaultSecurityGroup } from './security-groups.js';
import { isNetworkOwned, portInclude, portView, type PortRow } from './ports-common.js';

const ZFixedIp = z.strictObject({ subnet_id: zUuid.optional(), ip_address: z.string({ message: 'must be a string' }).optional() });

const ZCreatePort = z.strictObject({
  network_id: zUuid,
  name: zName.optional(),
  description: zDescription.optional(),
  admin_state_up: zBool.optional(),
  mac_address: z.string({ message: 'must be a string' }).optional(),
  fixed_ips: z.array(ZFixedIp).optional(),
  device_id: z.string({ message: 'must be a string' }).max(255, 'must be at most 255 characters').optional(),
  device_owner: z.string({ message: 'must be a string' }).max(255, 'must be at most 255 characters').optional(),
  security_groups: z.array(zUuid).optional(),
  port_security_enabled: zBool.optional(),
  'binding:host_id': z.string({ message: 'must be a string' }).max(255).optional(),
  'binding:vnic_type': z.literal('normal', { message: "only 'normal' is supported" }).optional(),
  'binding:profile': z.strictObject({}, { message: 'binding profiles are not supported' }).optional(),
  allowed_address_pairs: z.array(z.never()).max(0, 'allowed address pairs are not supported').optional(),
  extra_dhcp_opts: z.array(z.never()).max(0, 'extra DHCP options are not supported').optional(),
  ...ownerFields,
});

function seesBinding(c: Caller): boolean {
  return can(c.auth, 'get_port:binding:host_id', target(c.projectId));
}

/** Security groups a port may use: its own project's. Unknown or foreign ones are 404, as Neutron. */
async function portSecurityGroups(ctx: RequestContext, projectId: string, requested: string[] | undefined, portSecurity: boolean, deviceOwner: string): Promise<string[]> {
  if (requested === undefined) {
    if (!portSecurity || isNetworkOwned(deviceOwner)) return [];
    return [await ensureDefaultSecurityGroup(ctx.db, projectId)];
  }
  if (requested.length > 0 && !portSecurity) {
    throw conflict('PortSecurityAndIPRequiredForSecurityGroups', 'Port security must be enabled and port must have an IP address in order to use security groups.');
  }
  const unique = [...new Set(requested)];
  const found = await ctx.db.securityGroup.findMany({ where: { id: { in: unique }, projectId }, select: { id: true } });
  const missing = unique.find((id) => !found.some((f) => f.id === id));
  if (missing) throw notFound('security_group', missing);
  return unique;
}

/** The network a port goes on: visible, and either the caller's, shared, or (admins) any. */
async function portNetwork(ctx: RequestContext, c: Caller, networkId: string, projectId: string): Promise<Network> {
  const network = await findVisibleNetwork(ctx.db, c, networkId);
  if (!c.admin && network.projectId !== projectId && !network.shared) {
    throw neutronError(new Forbidden(`Tenant ${projectId} not allowed to create port on this network`), 'HTTPForbidden');
  }
  return network;
}

export interface PortCreate {
  projectId: string;
  network: Network;
  name?: string | undefined;
  description?: string | undefined;
  adminStateUp?: boolean | undefined;
  macAddress?: string | undefined;
  fixedIps?: FixedIpRequest[] | undefined;
  deviceId?: string | undefined;
  deviceOwner?: string | undefined;
  securityGroupIds: string[];
  portSecurityEnabled: boolean;
  hostId?: string | undefined;
  /** Ports the network makes for itself are not counted against the project's quota. */
  checkQuota: boolean;
  createdForInstance?: boolean | undefined;
}

const MAC_ATTEMPTS = 5;

/**
 * Creates a port and its addresses in the caller's transaction. The network row is share-locked
 * so a concurrent network delete cannot remove it mid-way.
 */
export async function insertPort(tx: Tx, p: PortCreate): Promise<PortRow> {
  if (p.checkQuota) await checkNetworkQuota(tx, p.projectId, 'port');
  const live = await tx.$queryRaw<unknown[]>(Prisma.sql`SELECT 1 FROM "Network" WHERE "id" = ${p.network.id} FOR SHARE`);
  if (live.length === 0) throw notFound('network', p.network.id);
  const id = randomUUID();
  let mac = p.macAddress;
  if (mac !== undefined) {
    if (await tx.port.findFirst({ where: { networkId: p.network.id, macAddress: mac }, select: { id: true } })) {
      throw conflict('MacAddressInUse', `Unable to complete operation for network ${p.network.id}. The mac address ${mac} is in use.`);
    }
  } else {
    for (let i = 0; i < MAC_ATTEMPTS && mac === undefined; i++) {
      const candidate = randomMac();
      if (!(await tx.port.findFirst({ where: { networkId: p.network.id, macAddress: candidate }, select: { id: true } }))) mac = candidate;
    }
    if (mac === undefined) throw conflict('MacAddressGenerationFailure', `Unable to generate unique mac on network ${p.network.id}.`);
  }
  await tx.port.create({
    data: {
      id,
      projectId: p.projectId,
      networkId: p.network.id,
      name: p.name ?? '',
      description: p.description ?? '',
      adminStateUp: p.adminStateUp ?? true,
      macAddress: mac,
      deviceId: p.deviceId ?? '',
      deviceOwner: p.deviceOwner ?? '',
      portSecurityEnabled: p.portSecurityEnabled,
      hostId: p.hostId ?? '',
      createdForInstance: p.createdForInstance ?? false,
      securityGroups: { create: p.securityGroupIds.map((securityGroupId) => ({ securityGroupId })) },
    },
  });
  await allocateFixedIps(tx, { networkId: p.network.id, portId: id, requested: p.fixedIps });
  return tx.port.findUniqueOrThrow({ where: { id }, include: portInclude });
}

/** Transactions that lost a unique race (a MAC or an address another request just took) are tried again. */
export async function withUniqueRetry<T>(fn: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (err) {
      if (!isUniqueViolation(err) || i >= attempts) throw err;
    }
  }
}

/** `POST /v2.0/ports`. */
export async function createPort(ctx: RequestContext, body: unknown): Promise<Record<string, unknown>> {
  const c = caller(ctx);
  const input = parseBody(ZCreatePort, body, 'port');
  const projectId = owningProject(c, input, 'create_port');
  if (input['binding:host_id'] !== undefined) authorize(c.auth, 'create_port:binding:host_id', target(projectId));
  if (input.mac_address !== undefined) authorize(c.auth, 'create_port:mac_address', target(projectId));
  if (input.device_owner !== undefined && isNetworkOwned(input.device_owner)) authorize(c.auth, 'create_port:device_owner', target(projectId));
  const mac = input.mac_address === undefined ? undefined : canonicalMac(input.mac_address);
  if (mac === null) throw invalidInput('mac_address', `'${input.mac_address}' is not a valid MAC address`);
  const network = await portNetwork(ctx, c, input.network_id, projectId);
  const portSecurity = input.port_security_enabled ?? true;
  const groups = await portSecurityGroups(ctx, projectId, input.security_groups, portSecurity, input.device_owner ?? '');
  const row = await withUniqueRetry(() =>
    ctx.db.$transaction(
      (tx) =>
        insertPort(tx, {
          projectId,
          network,
          name: input.name,
          description: input.description,
          adminStateUp: input.admin_state_up,
          macAddress: mac,
          fixedIps: input.fixed_ips,
          deviceId: input.device_id,
          deviceOwner: input.device_owner,
          securityGroupIds: groups,
          portSecurityEnabled: portSecurity,
          hostId: input['binding:host_id'],
          checkQuota: !isNetworkOwned(input.device_owner ?? ''),
        }),
      TX_OPTIONS,
    ),
  );
  ctx.log.info({ portId: row.id, networkId: row.networkId, fixedIps: row.fixedIps.map((f) => f.ip) }, 'port created');
  await networkChanged(ctx, { type: 'port', id: row.id, projectId });
  return portView(row, seesBinding(c));
}

function visiblePortsWhere(c: Caller): Prisma.PortWhereInput {
  return c.admin ? {} : { projectId: c.projectId };
}

export async function listPorts(ctx: RequestContext): Promise<Array<Record<string, unknown>>> {
  const c = caller(ctx);
  authorize(c.auth, 'get_port', target(c.projectId));
  const rows = await ctx.db.port.findMany({ where: visiblePortsWhere(c), include: portInclude, orderBy: { id: 'asc' } });
  return rows.map((r) => portView(r, seesBinding(c)));
}

export async function findVisiblePort(db: Pick<Tx, 'port'>, c: Caller, id: string): Promise<PortRow> {
  const row = await db.port.findFirst({ where: { AND: [{ id }, visiblePortsWhere(c)] }, include: portInclude });
  if (!row) throw notFound('port', id);
  return row;
}

export async function getPort(ctx: RequestContext, id: string): Promise<Record<string, unknown>> {
  const c = caller(ctx);
  const row = await findVisiblePort(ctx.db, c, id);
  authorize(c.auth, 'get_port', target(row.projectId));
  return portView(row, seesBinding(c));
}

const ZUpdatePort = z.strictObject({
  name: zName.optional(),
  description: zDescription.optional(),
  admin_state_up: zBool.optional(),
  device_id: z.string({ message: 'must be a string' }).max(255).optional(),
  device_owner: z.string({ message: 'must be a string' }).max(255).optional(),
  security_groups: z.array(zUuid).optional(),
  port_security_enabled: zBool.optional(),
  'binding:host_id': z.string({ message: 'must be a string' }).max(255).optional(),
  fixed_ips: z.array(ZFixedIp).optional(),
});

/**
 * A port's new fixed IPs: addresses it already holds and names again stay, the others it held are
 * freed (their floating IPs disassociated), new ones are allocated as on create.
 */
async function replaceFixedIps(tx: Tx, port: PortRow, requested: FixedIpRequest[]): Promise<void> {
  const keep = port.fixedIps.filter((f) => requested.some((r) => r.ip_address !== undefined && canonicalIp(r.ip_address) === f.ip && (r.subnet_id === undefined || r.subnet_id === f.subnetId)));
  const fresh = requested.filter((r) => !(r.ip_address !== undefined && keep.some((k) => k.ip === canonicalIp(r.ip_address!))));
  const dropped = port.fixedIps.filter((f) => !keep.includes(f));
  for (const f of dropped) await tx.ipAllocation.delete({ where: { subnetId_ip: { subnetId: f.subnetId, ip: f.ip } } });
  await tx.floatingIp.updateMany({ where: { portId: port.id, fixedIpAddress: { in: dropped.map((f) => f.ip) } }, data: { portId: null, fixedIpAddress: null, routerId: null, revision: { increment: 1 } } });
  await allocateFixedIps(tx, { networkId: port.networkId, portId: port.id, requested: fresh });
}

/** `PUT /v2.0/ports/{id}`. Turning port security off needs the security groups gone first, as Neutron. */
export async function updatePort(ctx: RequestContext, id: string, body: unknown): Promise<Record<string, unknown>> {
  const c = caller(ctx);
  const input = parseBody(ZUpdatePort, body, 'port');
  const current = await findVisiblePort(ctx.db, c, id);
  authorize(c.auth, 'update_port', target(current.projectId));
  if (input['binding:host_id'] !== undefined) authorize(c.auth, 'create_port:binding:host_id', target(current.projectId));
  if (input.device_owner !== undefined && isNetworkOwned(input.device_owner)) authorize(c.auth, 'create_port:device_owner', target(current.projectId));
  const portSecurity = input.port_security_enabled ?? current.portSecurityEnabled;
  const groups = input.security_groups === undefined ? undefined : await portSecurityGroups(ctx, current.projectId, input.security_groups, portSecurity, current.deviceOwner);
  if (!portSecurity && (groups ?? current.securityGroups.map((g) => g.securityGroupId)).length > 0) {
    throw conflict('PortSecurityPortHasSecurityGroup', 'Port has security group associated. Cannot disable port security or IP address until security group is removed.');
  }
  if (input.fixed_ips !== undefined && isNetworkOwned(current.deviceOwner)) {
    throw invalidInput('fixed_ips', `the addresses of a ${current.deviceOwner} port are managed by its router or network`);
  }
  const row = await ctx.db.$transaction(async (tx) => {
    if (input.fixed_ips !== undefined) await replaceFixedIps(tx, current, input.fixed_ips);
    if (groups !== undefined) {
      await tx.portSecurityGroup.deleteMany({ where: { portId: id } });
      await tx.portSecurityGroup.createMany({ data: groups.map((securityGroupId) => ({ portId: id, securityGroupId })) });
    }
    return tx.port.update({
      where: { id },
      data: {
        ...(input.name !== undefined && { name: input.name }),
        ...(input.description !== undefined && { description: input.description }),
        ...(input.admin_state_up !== undefined && { adminStateUp: input.admin_state_up }),
        ...(input.device_id !== undefined && { deviceId: input.device_id }),
        ...(input.device_owner !== undefined && { deviceOwner: input.device_owner }),
        ...(input.port_security_enabled !== undefined && { portSecurityEnabled: input.port_security_enabled }),
        ...(input['binding:host_id'] !== undefined && { hostId: input['binding:host_id'] }),
        ...bumpRevision,
      },
      include: portInclude,
    });
  }, TX_OPTIONS);
  await networkChanged(ctx, { type: 'port', id, projectId: row.projectId });
  return portView(row, seesBinding(c));
}

/**
 * `DELETE /v2.0/ports/{id}`. Router interfaces and gateways, DHCP and floating IP ports belong to
 * their router or network and are removed through it (409, as Neutron's L3PortInUse). Floating IPs
 * on the port are disassociated, not deleted.
 */
export async function deletePort(ctx: RequestContext, id: string): Promise<void> {
  const c = caller(ctx);
  const row = await findVisiblePort(ctx.db, c, id);
  authorize(c.auth, 'delete_port', target(row.projectId));
  if (isNetworkOwned(row.deviceOwner) && row.deviceOwner !== 'network:dhcp') {
    throw conflict('L3PortInUse', `Port ${id} cannot be deleted directly via the port API: has device owner ${row.deviceOwner}.`);
  }
  await deletePortRows(ctx.db, id);
  ctx.log.info({ portId: id }, 'port deleted');
  await networkChanged(ctx, { type: 'port', id, projectId: row.projectId });
}

async function deletePortRows(db: RequestContext['db'], id: string): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.floatingIp.updateMany({ where: { portId: id }, data: { portId: null, fixedIpAddress: null, routerId: null, status: 'DOWN', revision: { increment: 1 } } });
    await tx.port.deleteMany({ where: { id } });
  }, TX_OPTIONS);
}
