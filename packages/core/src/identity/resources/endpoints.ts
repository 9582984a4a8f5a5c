import { z } from 'zod';
import { BadRequest, NotFound, newId } from '@nimbus/shared';
import type { Endpoint, Prisma } from '@nimbus/db';
import type { RequestContext } from '../context.js';
import { identityChanged } from '../revocation.js';
import { authorize } from './policy.js';
import { pageArgs, parseInput, toPage, zEnabled, zPage, type Page, type Tx } from './common.js';

const zInterface = z.enum(['public', 'internal', 'admin'], { error: "must be one of 'public', 'internal' or 'admin'" });
/** Keystone's check: a scheme, a colon, something after it. */
const zUrl = z.string().max(2048).regex(/^[a-zA-Z0-9+.-]+:.+/, 'must be a URL');
const zRef = z.string().min(1, 'must not be empty').max(255);

export const ZCreateEndpointInput = z.object({
  service_id: zRef,
  interface: zInterface,
  url: zUrl,
  region_id: zRef.nullish(),
  /** The pre-Juno name of region_id, still sent by old clients. */
  region: zRef.nullish(),
  enabled: zEnabled.optional(),
});
export type CreateEndpointInput = z.input<typeof ZCreateEndpointInput>;

export const ZUpdateEndpointInput = z.object({
  service_id: zRef.optional(),
  interface: zInterface.optional(),
  url: zUrl.optional(),
  region_id: zRef.nullish(),
  region: zRef.nullish(),
  enabled: zEnabled.optional(),
});
export type UpdateEndpointInput = z.input<typeof ZUpdateEndpointInput>;

export const ZListEndpointsInput = z.object({
  // Accepts any string so a query-string value reaches validation and fails naming `interface`.
  interface: z.string().pipe(zInterface).optional(),
  service_id: z.string().optional(),
  region_id: z.string().optional(),
  ...zPage,
});
export type ListEndpointsInput = z.input<typeof ZListEndpointsInput>;

async function getEndpointOr404(db: Tx, id: string): Promise<Endpoint> {
  const row = await db.endpoint.findUnique({ where: { id } });
  if (!row) throw new NotFound(`Could not find endpoint: ${id}.`);
  return row;
}

/** A reference to a missing service or region is a bad request naming the field, as in Keystone. */
async function checkRefs(db: Tx, serviceId: string | undefined, regionId: string | null | undefined): Promise<void> {
  if (serviceId !== undefined && !(await db.service.findUnique({ where: { id: serviceId } }))) {
    throw new BadRequest(`Invalid input for field 'service_id': could not find service ${serviceId}`, { field: 'service_id' });
  }
  if (regionId && !(await db.region.findUnique({ where: { id: regionId } }))) {
    throw new BadRequest(`Invalid input for field 'region_id': could not find region ${regionId}`, { field: 'region_id' });
  }
}

const endpointTarget = (e: { id?: string; service_id: string; interface: string }) => ({ ...(e.id ? { endpoint_id: e.id } : {}), target: { endpoint: e } });

export async function getEndpoint(ctx: RequestContext, endpointId: string): Promise<Endpoint> {
  const endpoint = await getEndpointOr404(ctx.db, endpointId);
  authorize(ctx.auth, 'identity:get_endpoint', endpointTarget({ id: endpoint.id, service_id: endpoint.serviceId, interface: endpoint.interface }));
  return endpoint;
}

export async function listEndpoints(ctx: RequestContext, rawInput: ListEndpointsInput = {}): Promise<Page<Endpoint>> {
  const input = parseInput(ZListEndpointsInput, rawInput);
  authorize(ctx.auth, 'identity:list_endpoints', { target: {} });
  const where: Prisma.EndpointWhereInput = {
    ...(input.interface !== undefined ? { interface: input.interface } : {}),
    ...(input.service_id !== undefined ? { serviceId: input.service_id } : {}),
    ...(input.region_id !== undefined ? { regionId: input.region_id } : {}),
  };
  const rows = await ctx.db.endpoint.findMany({ where, ...pageArgs(input, 'id') });
  return toPage(rows, input.limit);
}

export async function createEndpoint(ctx: RequestContext, rawInput: CreateEndpointInput): Promise<Endpoint> {
  const input = parseInput(ZCreateEndpointInput, rawInput);
  const regionId = input.region_id ?? input.region ?? null;
  authorize(ctx.auth, 'identity:create_endpoint', endpointTarget({ service_id: input.service_id, interface: input.interface }));
  await checkRefs(ctx.db, input.service_id, regionId);
  const endpoint = await ctx.db.endpoint.create({
    data: { id: newId(), serviceId: input.service_id, interface: input.interface, url: input.url, regionId, enabled: input.enabled ?? true },
  });
  await identityChanged(ctx);
  return endpoint;
}

export async function updateEndpoint(ctx: RequestContext, endpointId: string, rawInput: UpdateEndpointInput): Promise<Endpoint> {
  const input = parseInput(ZUpdateEndpointInput, rawInput);
  const before = await getEndpointOr404(ctx.db, endpointId);
  authorize(ctx.auth, 'identity:update_endpoint', endpointTarget({ id: before.id, service_id: before.serviceId, interface: before.interface }));
  const regionId = input.region_id !== undefined ? input.region_id : input.region;
  await checkRefs(ctx.db, input.service_id, regionId);
  const endpoint = await ctx.db.endpoint.update({
    where: { id: endpointId },
    data: {
      ...(input.service_id !== undefined ? { serviceId: input.service_id } : {}),
      ...(input.interface !== undefined ? { interface: input.interface } : {}),
      ...(input.url !== undefined ? { url: input.url } : {}),
      ...(regionId !== undefined ? { regionId } : {}),
      ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
    },
  });
  await identityChanged(ctx);
  return endpoint;
}

export async function deleteEndpoint(ctx: RequestContext, endpointId: string): Promise<void> {
  const endpoint = await getEndpointOr404(ctx.db, endpointId);
  authorize(ctx.auth, 'identity:delete_endpoint', endpointTarget({ id: endpoint.id, service_id: endpoint.serviceId, interface: endpoint.interface }));
  await ctx.db.endpoint.delete({ where: { id: endpointId } });
  await identityChanged(ctx);
}
