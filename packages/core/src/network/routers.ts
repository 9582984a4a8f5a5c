import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { Prisma, type Router } from '@nimbus/db';
import { NotFound } from '@nimbus/shared';
import type { RequestContext } from '../identity/context.js';
import { authorize, bumpRevision, caller, ownerFields, owningProject, parseBody, standardAttrs, target, TX_OPTIONS, zBool, zDescription, zName, zUuid, type Caller, type Tx } from './common.js';
import { badRequest, conflict, invalidInput, neutronError, notFound } from './errors.js';
import { canonicalIp, contains, formatCidr, overlaps, parseCidr, parseIp } from './addresses.js';
import { networkChanged } from './changes.js';
import { checkNetworkQuota } from './quotas.js';
import { findVisibleNetwork } from './networks.js';
import { findVisibleSubnet } from './subnets.js';
import { findVisiblePort, insertPort, withUniqueRetry } from './ports.js';
import { fixedIps, NETWORK_OWNED_DEVICES, portInclude } from './ports-common.js';

/**
 * Routers. As in Neutron, a router's interfaces and its gateway are ports: an interface is a port
 * owned by `network:router_interface` holding the subnet's gateway address (or the address of
 * the port it was given), the gateway a `network:router_gateway` port on the external network.
 */
type Route = { destination: string; nexthop: string };

async function routerView(db: Pick<Tx, 'port'>, row: Router): Promise<Record<string, unknown>> {
  const gateway = row.gatewayNetworkId
    ? await db.port.findFirst({ where: { deviceId: row.id, deviceOwner: NETWORK_OWNED_DEVICES.routerGateway }, include: portInclude })
    : null;
  return {
    id: row.id,
    name: row.name,
    admin_state_up: row.adminStateUp,
    status: row.status,
    external_gateway_info: row.gatewayNetworkId
      ? { network_id: row.gatewayNetworkId, enable_snat: row.enableSnat, external_fixed_ips: gateway ? fixedIps(gateway) : [] }
      : null,
    routes: row.routes,
    distributed: false,
    ha: false,
    flavor_id: null,
    availability_zone_hints: [],
    availability_zones: ['nova'],
    ...standardAttrs(row),
  };
}

const ZGatewayInfo = z.strictObject({
  network_id: zUuid,
  enable_snat: zBool.optional(),
  external_fixed_ips: z.array(z.strictObject({ subnet_id: zUuid.optional(), ip_address: z.string().optional() })).optional(),
});
const ZRoute = z.strictObject({ destination: z.string({ message: 'must be a string' }), nexthop: z.string({ message: 'must be a string' }) });

const ZCreateRouter = z.strictObject({
  name: zName.optional(),
  description: zDescription.optional(),
  admin_state_up: zBool.optional(),
  external_gateway_info: ZGatewayInfo.nullable().optional(),
  distributed: z.literal(false, { message: 'distributed routers are not supported' }).optional(),
  ha: z.literal(false, { message: 'HA routers are not supported' }).optional(),
  availability_zone_hints: z.array(z.string()).max(0, 'nimbus has one availability zone for routers; leave it empty').optional(),
  ...ownerFields,
});

type GatewayInfo = z.output<typeof ZGatewayInfo>;

/**
 * Points a router at an external network: the old gateway port goes, a new one is made. A router
 * whose floating IPs need the gateway keeps it (409, as Neutron's RouterExternalGatewayInUseByFloatingIp).
 */
async function setGateway(ctx: RequestContext, c: Caller, tx: Tx, router: Router, info: GatewayInfo | null): Promise<void> {
  if (info && info.enable_snat === false) authorize(c.auth, 'create_router:external_gateway_info:enable_snat', target(router.projectId));
  const sameNetwork = info !== null && info.network_id === router.gatewayNetworkId;
  if (router.gatewayNetworkId && !sameNetwork) {
    if ((await tx.floatingIp.count({ where: { routerId: router.id } })) > 0) {
      throw conflict('RouterExternalGatewayInUseByFloatingIp', `Gateway cannot be updated for router ${router.id}, since a gateway to external network ${router.gatewayNetworkId} is required by one or more floating IPs.`);
    }
    await tx.port.deleteMany({ where: { deviceId: router.id, deviceOwner: NETWORK_OWNED_DEVICES.routerGateway } });
  }
  if (info && !sameNetwork) {
    const network = await findVisibleNetwork(tx, c, info.network_id);
    if (!network.external) throw badRequest(`Bad router request: Network ${network.id} is not an external network.`, 'external_gateway_info.network_id');
    await insertPort(tx, {
      projectId: '',
      network,
      deviceId: router.id,
      deviceOwner: NETWORK_OWNED_DEVICES.routerGateway,
      fixedIps: info.external_fixed_ips,
      securityGroupIds: [],
      portSecurityEnabled: false,
      checkQuota: false,
    });
  }
  await tx.router.update({
    where: { id: router.id },
    data: { gatewayNetworkId: info?.network_id ?? null, enableSnat: info ? (info.enable_snat ?? true) : true },
  });
}

/** `POST /v2.0/routers`. */
export async function createRouter(ctx: RequestContext, body: unknown): Promise<Record<string, unknown>> {
  const c = caller(ctx);
  const input = parseBody(ZCreateRouter, body, 'router');
  const projectId = owningProject(c, input, 'create_router');
  const row = await withUniqueRetry(() =>
    ctx.db.$transaction(async (tx) => {
      await checkNetworkQuota(tx, projectId, 'router');
      const router = await tx.router.create({
        data: { id: randomUUID(), projectId, name: input.name ?? '', description: input.description ?? '', adminStateUp: input.admin_state_up ?? true },
      });
      if (input.external_gateway_info) await setGateway(ctx, c, tx, router, input.external_gateway_info);
      return tx.router.findUniqueOrThrow({ where: { id: router.id } });
    }, TX_OPTIONS),
  );
  ctx.log.info({ routerId: row.id }, 'router created');
  await networkChanged(ctx, { type: 'router', id: row.id, projectId });
  return routerView(ctx.db, row);
}

function visibleRoutersWhere(c: Caller): Prisma.RouterWhereInput {
  return c.admin ? {} : { projectId: c.projectId };
}

export async function listRouters(ctx: RequestContext): Promise<Array<Record<string, unknown>>> {
  const c = caller(ctx);
  authorize(c.auth, 'get_router', target(c.projectId));
  const rows = await ctx.db.router.findMany({ where: visibleRoutersWhere(c), orderBy: { id: 'asc' } });
  return Promise.all(rows.map((r) => routerView(ctx.db, r)));
}

async function findRouter(ctx: RequestContext, c: Caller, id: string, rule: string): Promise<Router> {
  const row = await ctx.db.router.findFirst({ where: { AND: [{ id }, visibleRoutersWhere(c)] } });
  if (!row) throw notFound('router', id);
  authorize(c.auth, rule, target(row.projectId));
  return row;
}

export async function getRouter(ctx: RequestContext, id: string): Promise<Record<string, unknown>> {
  const c = caller(ctx);
  return routerView(ctx.db, await findRouter(ctx, c, id, 'get_router'));
}

const ZUpdateRouter = z.strictObject({
  name: zName.optional(),
  description: zDescription.optional(),
  admin_state_up: zBool.optional(),
  external_gateway_info: z.union([ZGatewayInfo, z.strictObject({})]).nullable().optional(),
  routes: z.array(ZRoute).max(30, 'at most 30 routes').nullable().optional(),
});

/** Static routes: each next hop must be on one of the router's interface subnets (Neutron's InvalidRoutes). */
async function checkRoutes(tx: Tx, routerId: string, routes: Route[]): Promise<Route[]> {
  const subnets = await tx.subnet.findMany({ where: { allocations: { some: { port: { deviceId: routerId, deviceOwner: NETWORK_OWNED_DEVICES.routerInterface } } } } });
  return routes.map((r, i) => {
    const dest = parseCidr(r.destination);
    if (!dest) throw invalidInput(`routes.${i}.destination`, `'${r.destination}' is not a valid IP subnet`);
    const hop = parseIp(r.nexthop);
    if (!hop) throw invalidInput(`routes.${i}.nexthop`, `'${r.nexthop}' is not a valid IP address`);
    const onLink = subnets.some((s) => {
      const cidr = parseCidr(s.cidr);
      return cidr !== null && contains(cidr, hop.version, hop.value);
    });
    if (!onLink) throw badRequest(`Invalid format for routes: [${JSON.stringify(r)}], the nexthop is not connected with router`, `routes.${i}.nexthop`);
    return { destination: formatCidr(dest), nexthop: canonicalIp(r.nexthop)! };
  });
}

/** `PUT /v2.0/routers/{id}`: name, state, gateway (set, change, `{}`/null to clear) and static routes. */
export async function updateRouter(ctx: RequestContext, id: string, body: unknown): Promise<Record<string, unknown>> {
  const c = caller(ctx);
  const input = parseBody(ZUpdateRouter, body, 'router');
  const current = await findRouter(ctx, c, id, 'update_router');
  const row = await withUniqueRetry(() =>
    ctx.db.$transaction(async (tx) => {
      await tx.$queryRaw(Prisma.sql`SELECT 1 FROM "Router" WHERE "id" = ${id} FOR UPDATE`);
      if (input.external_gateway_info !== undefined) {
        const info = input.external_gateway_info && 'network_id' in input.external_gateway_info ? (input.external_gateway_info as GatewayInfo) : null;
        const fresh = await tx.router.findUniqueOrThrow({ where: { id } });
        if (info && info.network_id === fresh.gatewayNetworkId && info.enable_snat !== undefined && info.enable_snat !== fresh.enableSnat) {
          if (info.enable_snat === false) authorize(c.auth, 'create_router:external_gateway_info:enable_snat', target(fresh.projectId));
          await tx.router.update({ where: { id }, data: { enableSnat: info.enable_snat } });
        } else {
          await setGateway(ctx, c, tx, fresh, info);
        }
      }
      const routes = input.routes === undefined ? undefined : await checkRoutes(tx, id, input.routes ?? []);
      return tx.router.update({
        where: { id },
        data: {
          ...(input.name !== undefined && { name: input.name }),
          ...(input.description !== undefined && { description: input.description }),
          ...(input.admin_state_up !== undefined && { adminStateUp: input.admin_state_up }),
          ...(routes !== undefined && { routes }),
          ...bumpRevision,
        },
      });
    }, TX_OPTIONS),
  );
  await networkChanged(ctx, { type: 'router', id, projectId: current.projectId });
  return routerView(ctx.db, row);
}

function canonicalRoute(r: Route): Route {
  const dest = parseCidr(r.destination);
  return { destination: dest ? formatCidr(dest) : r.destination, nexthop: canonicalIp(r.nexthop) ?? r.nexthop };
}

const ZExtraRoutes = z.strictObject({ routes: z.array(ZRoute).max(30, 'at most 30 routes') });

/**
 * `PUT /v2.0/routers/{id}/add_extraroutes` and `remove_extraroutes` (Neutron's extraroute-atomic):
 * routes added to or taken from the router's set under its row lock, so concurrent edits do not
 * lose each other's routes as a read-modify-write of `routes` would.
 */
export async function changeExtraRoutes(ctx: RequestContext, id: string, body: unknown, op: 'add' | 'remove'): Promise<Record<string, unknown>> {
  const c = caller(ctx);
  const input = parseBody(ZExtraRoutes, body, 'router');
  const router = await findRouter(ctx, c, id, 'update_router');
  const row = await ctx.db.$transaction(async (tx) => {
    await tx.$queryRaw(Prisma.sql`SELECT 1 FROM "Router" WHERE "id" = ${id} FOR UPDATE`);
    const current = (await tx.router.findUniqueOrThrow({ where: { id } })).routes as Route[];
    // Routes to remove are matched in canonical form; one the router does not have is simply not there.
    const given = op === 'add' ? await checkRoutes(tx, id, input.routes) : input.routes.map(canonicalRoute);
    const same = (a: Route, b: Route) => a.destination === b.destination && a.nexthop === b.nexthop;
    const routes = op === 'add' ? [...current, ...given.filter((g) => !current.some((r) => same(r, g)))] : current.filter((r) => !given.some((g) => same(r, g)));
    return tx.router.update({ where: { id }, data: { routes, ...bumpRevision } });
  }, TX_OPTIONS);
  await networkChanged(ctx, { type: 'router', id, projectId: router.projectId });
  return routerView(ctx.db, row);
}

/** `DELETE /v2.0/routers/{id}`: 409 RouterInUse while it has interfaces; the gateway port goes with it. */
export async function deleteRouter(ctx: RequestContext, id: string): Promise<void> {
  const c = caller(ctx);
  const row = await findRouter(ctx, c, id, 'delete_router');
  await ctx.db.$transaction(async (tx) => {
    await tx.$queryRaw(Prisma.sql`SELECT 1 FROM "Router" WHERE "id" = ${id} FOR UPDATE`);
    if ((await tx.port.count({ where: { deviceId: id, deviceOwner: NETWORK_OWNED_DEVICES.routerInterface } })) > 0) {
      throw conflict('RouterInUse', `Router ${id} still has ports`);
    }
    if ((await tx.floatingIp.count({ where: { routerId: id } })) > 0) throw conflict('RouterInUse', `Router ${id} still has floating IPs associated`);
    await tx.port.deleteMany({ where: { deviceId: id, deviceOwner: NETWORK_OWNED_DEVICES.routerGateway } });
    await tx.router.delete({ where: { id } });
  }, TX_OPTIONS);
  ctx.log.info({ routerId: id }, 'router deleted');
  await networkChanged(ctx, { type: 'router', id, projectId: row.projectId });
}

const ZInterface = z.strictObject({ subnet_id: zUuid.optional(), port_id: zUuid.optional() });

function interfaceInfo(router: Router, port: { id: string; networkId: string; fixedIps: Array<{ subnetId: string }> }) {
  const subnetIds = port.fixedIps.map((f) => f.subnetId);
  return { id: router.id, tenant_id: router.projectId, project_id: router.projectId, port_id: port.id, network_id: port.networkId, subnet_id: subnetIds[0] ?? null, subnet_ids: subnetIds };
}

function interfaceBody(body: unknown): z.output<typeof ZInterface> {
  const input = parseBody(ZInterface, { body }, 'body');
  if ((input.subnet_id === undefined) === (input.port_id === undefined)) throw badRequest('Bad router request: Either subnet_id or port_id must be specified.', 'subnet_id');
  return input;
}

/** The router's interface subnets must not overlap each other (Neutron's BadRequest on add). */
async function checkNoOverlap(tx: Tx, routerId: string, subnetIds: string[]): Promise<void> {
  const mine = await tx.subnet.findMany({ where: { allocations: { some: { port: { deviceId: routerId, deviceOwner: NETWORK_OWNED_DEVICES.routerInterface } } } } });
  for (const subnet of await tx.subnet.findMany({ where: { id: { in: subnetIds } } })) {
    if (mine.some((m) => m.id === subnet.id)) throw badRequest(`Bad router request: Router already has a port on subnet ${subnet.id}.`, 'subnet_id');
    const cidr = parseCidr(subnet.cidr)!;
    const clash = mine.find((m) => overlaps(parseCidr(m.cidr)!, cidr));
    if (clash) throw badRequest(`Bad router request: Cidr ${subnet.cidr} of subnet ${subnet.id} overlaps with cidr ${clash.cidr} of subnet ${clash.id}.`, 'subnet_id');
  }
}

/** `PUT /v2.0/routers/{id}/add_router_interface` with a subnet (takes its gateway address) or a free port. */
export async function addRouterInterface(ctx: RequestContext, id: string, body: unknown): Promise<Record<string, unknown>> {
  const c = caller(ctx);
  const input = interfaceBody(body);
  const router = await findRouter(ctx, c, id, 'add_router_interface');
  const port = await withUniqueRetry(() =>
    ctx.db.$transaction(async (tx) => {
      await tx.$queryRaw(Prisma.sql`SELECT 1 FROM "Router" WHERE "id" = ${id} FOR UPDATE`);
      if (input.port_id !== undefined) {
        const existing = await findVisiblePort(tx, c, input.port_id);
        if (existing.deviceId || existing.deviceOwner) throw conflict('PortInUse', `Unable to complete operation on port ${existing.id} for network ${existing.networkId}. Port already has an attached device ${existing.deviceId}.`);
        if (existing.fixedIps.length === 0) throw badRequest(`Bad router request: Router port must have at least one fixed IP.`, 'port_id');
        await checkNoOverlap(tx, id, existing.fixedIps.map((f) => f.subnetId));
        await tx.portSecurityGroup.deleteMany({ where: { portId: existing.id } });
        return tx.port.update({
          where: { id: existing.id },
          data: { deviceId: id, deviceOwner: NETWORK_OWNED_DEVICES.routerInterface, portSecurityEnabled: false, status: 'ACTIVE', ...bumpRevision },
          include: portInclude,
        });
      }
      const subnet = await findVisibleSubnet(tx, c, input.subnet_id!);
      if (!subnet.gatewayIp) throw badRequest(`Bad router request: Subnet for router interface must have a gateway IP.`, 'subnet_id');
      await checkNoOverlap(tx, id, [subnet.id]);
      const network = await tx.network.findUniqueOrThrow({ where: { id: subnet.networkId } });
      return insertPort(tx, {
        projectId: router.projectId,
        network,
        deviceId: id,
        deviceOwner: NETWORK_OWNED_DEVICES.routerInterface,
        fixedIps: [{ subnet_id: subnet.id, ip_address: subnet.gatewayIp }],
        securityGroupIds: [],
        portSecurityEnabled: false,
        checkQuota: false,
      });
    }, TX_OPTIONS),
  );
  await touchRouter(ctx, router);
  ctx.log.info({ routerId: id, portId: port.id }, 'router interface added');
  await networkChanged(ctx, { type: 'router', id, projectId: router.projectId });
  return interfaceInfo(router, port);
}

/** An interface change is a change of the router: its revision grows. */
async function touchRouter(ctx: RequestContext, router: Router): Promise<void> {
  await ctx.db.router.update({ where: { id: router.id }, data: bumpRevision });
}

/**
 * `PUT /v2.0/routers/{id}/remove_router_interface`. Refused while a floating IP reaches a fixed
 * address through this interface (Neutron's RouterInterfaceInUseByFloatingIP).
 */
export async function removeRouterInterface(ctx: RequestContext, id: string, body: unknown): Promise<Record<string, unknown>> {
  const c = caller(ctx);
  const input = interfaceBody(body);
  const router = await findRouter(ctx, c, id, 'remove_router_interface');
  const port = await ctx.db.$transaction(async (tx) => {
    await tx.$queryRaw(Prisma.sql`SELECT 1 FROM "Router" WHERE "id" = ${id} FOR UPDATE`);
    const ifaces = await tx.port.findMany({ where: { deviceId: id, deviceOwner: NETWORK_OWNED_DEVICES.routerInterface }, include: portInclude });
    const found = input.port_id !== undefined ? ifaces.find((p) => p.id === input.port_id) : ifaces.find((p) => p.fixedIps.some((f) => f.subnetId === input.subnet_id));
    if (!found) {
      throw input.port_id !== undefined
        ? neutronError(new NotFound(`Router ${id} does not have an interface with id ${input.port_id}`), 'RouterInterfaceNotFound')
        : neutronError(new NotFound(`Router ${id} has no interface on subnet ${input.subnet_id}`), 'RouterInterfaceNotFoundForSubnet');
    }
    for (const f of found.fixedIps) {
      const cidr = parseCidr((await tx.subnet.findUniqueOrThrow({ where: { id: f.subnetId } })).cidr)!;
      const fips = await tx.floatingIp.findMany({ where: { routerId: id, fixedIpAddress: { not: null } } });
      if (fips.some((fip) => contains(cidr, cidr.version, parseIp(fip.fixedIpAddress!)!.value))) {
        throw conflict('RouterInterfaceInUseByFloatingIP', `Router interface for subnet ${f.subnetId} on router ${id} cannot be deleted, as it is required by one or more floating IPs.`);
      }
    }
    await tx.port.delete({ where: { id: found.id } });
    return found;
  }, TX_OPTIONS);
  await touchRouter(ctx, router);
  ctx.log.info({ routerId: id, portId: port.id }, 'router interface removed');
  await networkChanged(ctx, { type: 'router', id, projectId: router.projectId });
  return interfaceInfo(router, port);
}
