import { z } from 'zod';
import { NotFound, newId } from '@nimbus/shared';
import type { Service } from '@nimbus/db';
import type { RequestContext } from '../context.js';
import { identityChanged } from '../revocation.js';
import { authorize } from './policy.js';
import { inTransaction, pageArgs, parseInput, toPage, zDescription, zEnabled, zPage, type Page, type Tx } from './common.js';

const zType = z.string().min(1, 'must not be empty').max(255, 'must be at most 255 characters');

export const ZCreateServiceInput = z.object({
  type: zType,
  name: z.string().max(255).optional(),
  description: zDescription.optional(),
  enabled: zEnabled.optional(),
});
export type CreateServiceInput = z.input<typeof ZCreateServiceInput>;

export const ZUpdateServiceInput = z.object({
  type: zType.optional(),
  name: z.string().max(255).optional(),
  description: zDescription.optional(),
  enabled: zEnabled.optional(),
});
export type UpdateServiceInput = z.input<typeof ZUpdateServiceInput>;

export const ZListServicesInput = z.object({ type: z.string().optional(), name: z.string().optional(), ...zPage });
export type ListServicesInput = z.input<typeof ZListServicesInput>;

export async function getServiceOr404(db: Tx, id: string): Promise<Service> {
  const row = await db.service.findUnique({ where: { id } });
  if (!row) throw new NotFound(`Could not find service: ${id}.`);
  return row;
}

const serviceTarget = (s: { id?: string; type: string; name: string }) => ({ ...(s.id ? { service_id: s.id } : {}), target: { service: s } });

export async function getService(ctx: RequestContext, serviceId: string): Promise<Service> {
  const service = await getServiceOr404(ctx.db, serviceId);
  authorize(ctx.auth, 'identity:get_service', serviceTarget(service));
  return service;
}

export async function listServices(ctx: RequestContext, rawInput: ListServicesInput = {}): Promise<Page<Service>> {
  const input = parseInput(ZListServicesInput, rawInput);
  authorize(ctx.auth, 'identity:list_services', { target: {} });
  const rows = await ctx.db.service.findMany({
    where: {
      ...(input.type !== undefined ? { type: input.type } : {}),
      ...(input.name !== undefined ? { name: input.name } : {}),
    },
    ...pageArgs(input),
  });
  return toPage(rows, input.limit);
}

export async function createService(ctx: RequestContext, rawInput: CreateServiceInput): Promise<Service> {
  const input = parseInput(ZCreateServiceInput, rawInput);
  authorize(ctx.auth, 'identity:create_service', serviceTarget({ type: input.type, name: input.name ?? '' }));
  const service = await ctx.db.service.create({
    data: { id: newId(), type: input.type, name: input.name ?? '', description: input.description ?? '', enabled: input.enabled ?? true },
  });
  await identityChanged(ctx);
  return service;
}

export async function updateService(ctx: RequestContext, serviceId: string, rawInput: UpdateServiceInput): Promise<Service> {
  const input = parseInput(ZUpdateServiceInput, rawInput);
  const before = await getServiceOr404(ctx.db, serviceId);
  authorize(ctx.auth, 'identity:update_service', serviceTarget(before));
  const service = await ctx.db.service.update({
    where: { id: serviceId },
    data: {
      ...(input.type !== undefined ? { type: input.type } : {}),
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.description !== undefined ? { description: input.description ?? '' } : {}),
      ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
    },
  });
  await identityChanged(ctx);
  return service;
}

/** Its endpoints go with it (Keystone's cascade). */
export async function deleteService(ctx: RequestContext, serviceId: string): Promise<void> {
  const service = await getServiceOr404(ctx.db, serviceId);
  authorize(ctx.auth, 'identity:delete_service', serviceTarget(service));
  await inTransaction(ctx, 'Conflict occurred attempting to delete service.', (tx) => tx.service.delete({ where: { id: serviceId } }));
  await identityChanged(ctx);
}
