import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { Prisma, type FloatingIp } from '@nimbus/db';
import { isNimbusError, NotFound } from '@nimbus/shared';
import type { RequestContext } from '../identity/context.js';
import { authorize, bumpRevision, caller, ownerFields, owningProject, parseBody, standardAttrs, target, TX_OPTIONS, zDescription, zUuid, type Caller, type Tx } from './common.js';
import { badRequest, conflict, neutronError, neutronTypeOf, notFound } from './errors.js';
import { canonicalIp, parseIp } from './addresses.js';
import { networkChanged } from './changes.js';
import { checkNetworkQuota } from './quotas.js';
import { findVisibleNetwork } from './networks.js';
import { insertPort, withUniqueRetry } from './ports.js';
import { NETWORK_OWNED_DEVICES, portInclude } from './ports-common.js';

/**
 * Floating IPs. The address is held by a `network:floatingip` port on the external network, so
 * IPAM hands it out like any other. Associating needs a router with its gateway on that external
 * network and an interface on the fixed address's subnet (Neutron's ExternalGatewayForFloatingIPNotFound).
 */
export function floatingIpView(row: FloatingIp): Record<string, unknown> {
  return {
    id: row.id,
    floating_network_id: row.floatingNetworkId,
    floating_ip_address: row.floatingIpAddress,
    port_id: row.portId,
    fixed_ip_address: row.fixedIpAddress,
    router_id: row.routerId,
    status: row.portId ? 'ACTIVE' : 'DOWN',
    port_details: null,
    port_forwardings: [],
    qos_policy_id: null,
    ...standardAttrs(row),
  };
}

const ZCreate = z.strictObject({
  floating_network_id: zUuid,
  floating_ip_address: z.string({ message: 'must be a string' }).optional(),
  subnet_id: zUuid.optional(),
  port_id: zUuid.nullable().optional(),
  fixed_ip_address: z.string({ message: 'must be a string' }).nullable().optional(),
  description: zDescription.optional(),
  ...ownerFields,
});

interface Association {
  portId: string;
  fixedIpAddress: string;
  routerId: string;
}

/** Where a floating IP of `projectId` on `floatingNetworkId` would point for this port and address. */
async function association(tx: Tx, c: Caller, fip: { id: string | null; projectId: string; floatingNetworkId: string }, portId: string, fixedIp: string | null | undefined): Promise<Association> {
  const port = await tx.port.findUnique({ where: { id: portId }, include: portInclude });
  if (!port || (port.projectId !== fip.projectId && !c.admin)) throw notFound('port', portId);
  const v4 = port.fixedIps.filter((f) => parseIp(f.ip)?.version === 4);
  let chosen = v4[0];
  if (fixedIp !== undefined && fixedIp !== null) {
    const ip = canonicalIp(fixedIp);
    chosen = port.fixedIps.find((f) => f.ip === ip);
    if (!chosen) throw badRequest(`Bad floatingip request: Port ${portId} does not have fixed ip ${fixedIp}.`, 'fixed_ip_address');
  } else if (v4.length > 1) {
    throw badRequest(`Bad floatingip request: Port ${portId} has multiple fixed IPv4 addresses. Must provide a specific IPv4 address when assigning a floating IP.`, 'fixed_ip_address');
  }
  if (!chosen) throw badRequest(`Bad floatingip request: Cannot add floating IP to port ${portId} that has no fixed IPv4 addresses.`, 'port_id');
  const subnet = await tx.subnet.findUniqueOrThrow({ where: { id: chosen.subnetId } });
  const routers = await tx.router.findMany({
    where: { gatewayNetworkId: fip.floatingNetworkId, projectId: c.admin ? undefined : fip.projectId },
    orderBy: { createdAt: 'asc' },
  });
  const reaching = [];
  for (const r of routers) {
    const iface = await tx.ipAllocation.findFirst({ where: { subnetId: subnet.id, port: { deviceId: r.id, deviceOwner: NETWORK_OWNED_DEVICES.routerInterface } } });
    if (iface) reaching.push(r);
  }
  const router = reaching[0];
  if (!router) {
    throw neutronError(
      new NotFound(`External network ${fip.floatingNetworkId} is not reachable from subnet ${subnet.id}.  Therefore, cannot associate Port ${portId} with a Floating IP.`),
      'ExternalGatewayForFloatingIPNotFound',
    );
  }
  const taken = await tx.floatingIp.findFirst({ where: { portId, fixedIpAddress: chosen.ip, ...(fip.id ? { id: { not: fip.id } } : {}) } });
  if (taken) {
    throw conflict('FloatingIPPortAlreadyAssociated', `Cannot associate floating IP ${fip.id ?? ''} with port ${portId} using fixed IP ${chosen.ip}, as that fixed IP already has a floating IP on external network ${fip.floatingNetworkId}.`.replace('  ', ' '));
  }
  return { portId, fixedIpAddress: chosen.ip, routerId: router.id };
}

/** `POST /v2.0/floatingips`: an address from the external network's subnets, associated at once when a port is named. */
export async function createFloatingIp(ctx: RequestContext, body: unknown): Promise<Record<string, unknown>> {
  const c = caller(ctx);
  const input = parseBody(ZCreate, body, 'floatingip');
  const projectId = owningProject(c, input, 'create_floatingip');
  const network = await findVisibleNetwork(ctx.db, c, input.floating_network_id);
  if (!network.external) throw badRequest(`Bad floatingip request: Network ${network.id} is not a valid external network.`, 'floating_network_id');
  if (input.floating_ip_address !== undefined && !canonicalIp(input.floating_ip_address)) {
    throw badRequest(`Invalid input for floating_ip_address. Reason: '${input.floating_ip_address}' is not a valid IP address.`, 'floating_ip_address');
  }
  const row = await withUniqueRetry(() =>
    ctx.db.$transaction(async (tx) => {
      await checkNetworkQuota(tx, projectId, 'floatingip');
      const id = randomUUID();
      const assoc = input.port_id ? await association(tx, c, { id: null, projectId, floatingNetworkId: network.id }, input.port_id, input.fixed_ip_address) : null;
      const wanted = input.floating_ip_address !== undefined || input.subnet_id !== undefined ? [{ subnet_id: input.subnet_id, ip_address: input.floating_ip_address }] : undefined;
      const port = await insertPort(tx, {
        projectId: '',
        network,
        deviceId: id,
        deviceOwner: NETWORK_OWNED_DEVICES.floatingIp,
        fixedIps: wanted,
        securityGroupIds: [],
        portSecurityEnabled: false,
        checkQuota: false,
      });
      const address = port.fixedIps.find((f) => parseIp(f.ip)?.version === 4);
      if (!address) throw conflict('ExternalIpAddressExhausted', `Unable to find any IP address on external network ${network.id}.`);
      return tx.floatingIp.create({
        data: {
          id,
          projectId,
          description: input.description ?? '',
          floatingNetworkId: network.id,
          floatingIpAddress: address.ip,
          floatingPortId: port.id,
          portId: assoc?.portId ?? null,
          fixedIpAddress: assoc?.fixedIpAddress ?? null,
          routerId: assoc?.routerId ?? null,
        },
      });
    }, TX_OPTIONS),
  ).catch((err: unknown) => {
    if (isNimbusError(err) && neutronTypeOf(err) === 'IpAddressGenerationFailure') {
      throw conflict('ExternalIpAddressExhausted', `Unable to find any IP address on external network ${network.id}.`);
    }
    throw err;
  });
  ctx.log.info({ floatingIpId: row.id, address: row.floatingIpAddress, portId: row.portId }, 'floating IP created');
  await networkChanged(ctx, { type: 'floatingip', id: row.id, projectId });
  return floatingIpView(row);
}

function visibleWhere(c: Caller): Prisma.FloatingIpWhereInput {
  return c.admin ? {} : { projectId: c.projectId };
}

export async function listFloatingIps(ctx: RequestContext): Promise<Array<Record<string, unknown>>> {
  const c = caller(ctx);
  authorize(c.auth, 'get_floatingip', target(c.projectId));
  return (await ctx.db.floatingIp.findMany({ where: visibleWhere(c), orderBy: { id: 'asc' } })).map(floatingIpView);
}

async function findFloatingIp(ctx: RequestContext, c: Caller, id: string, rule: string): Promise<FloatingIp> {
  const row = await ctx.db.floatingIp.findFirst({ where: { AND: [{ id }, visibleWhere(c)] } });
  if (!row) throw notFound('floatingip', id);
  authorize(c.auth, rule, target(row.projectId));
  return row;
}

export async function getFloatingIp(ctx: RequestContext, id: string): Promise<Record<string, unknown>> {
  const c = caller(ctx);
  return floatingIpView(await findFloatingIp(ctx, c, id, 'get_floatingip'));
}

const ZUpdate = z.strictObject({
  port_id: zUuid.nullable().optional(),
  fixed_ip_address: z.string({ message: 'must be a string' }).nullable().optional(),
  description: zDescription.optional(),
});

/** `PUT /v2.0/floatingips/{id}`: `port_id` associates, `port_id: null` disassociates. */
export async function updateFloatingIp(ctx: RequestContext, id: string, body: unknown): Promise<Record<string, unknown>> {
  const c = caller(ctx);
  const input = parseBody(ZUpdate, body, 'floatingip');
  const current = await findFloatingIp(ctx, c, id, 'update_floatingip');
  const row = await ctx.db.$transaction(async (tx) => {
    await tx.$queryRaw(Prisma.sql`SELECT 1 FROM "FloatingIp" WHERE "id" = ${id} FOR UPDATE`);
    let assoc: Partial<Association> | null | undefined;
    if (input.port_id === null) assoc = null;
    else if (input.port_id !== undefined) assoc = await association(tx, c, current, input.port_id, input.fixed_ip_address);
    return tx.floatingIp.update({
      where: { id },
      data: {
        ...(assoc !== undefined && { portId: assoc?.portId ?? null, fixedIpAddress: assoc?.fixedIpAddress ?? null, routerId: assoc?.routerId ?? null }),
        ...(input.description !== undefined && { description: input.description }),
        ...bumpRevision,
      },
    });
  }, TX_OPTIONS);
  ctx.log.info({ floatingIpId: id, portId: row.portId }, row.portId ? 'floating IP associated' : 'floating IP disassociated');
  await networkChanged(ctx, { type: 'floatingip', id, projectId: row.projectId });
  return floatingIpView(row);
}

/** `DELETE /v2.0/floatingips/{id}`: the address goes back to the external network's pool. */
export async function deleteFloatingIp(ctx: RequestContext, id: string): Promise<void> {
  const c = caller(ctx);
  const row = await findFloatingIp(ctx, c, id, 'delete_floatingip');
  await ctx.db.$transaction(async (tx) => {
    await tx.floatingIp.delete({ where: { id } });
    await tx.port.deleteMany({ where: { id: row.floatingPortId } });
  }, TX_OPTIONS);
  ctx.log.info({ floatingIpId: id }, 'floating IP deleted');
  await networkChanged(ctx, { type: 'floatingip', id, projectId: row.projectId });
}

