import type { z } from 'zod';
import { createServers } from '@nimbus/core/compute/servers/create';
import { publishChanges } from '@nimbus/core/events/changes';
import type { ConsoleHandlerCtx } from '../../identity/handler-context';
import type { ZCreateInputSchema } from './create.schema';

/** Nova's field names → the wizard's, so a 400 lands under the right step's field. */
export const CREATE_FIELD_ALIASES = {
  'name': 'name',
  'flavorRef': 'flavorId',
  'imageRef': 'imageId',
  'key_name': 'keyName',
  'availability_zone': 'availabilityZone',
  'min_count': 'count',
  'max_count': 'count',
  'os:scheduler_hints.group': 'serverGroupId',
} as const;

export async function createHandler({ ctx, input }: { ctx: ConsoleHandlerCtx; input: z.infer<typeof ZCreateInputSchema> }) {
  const created = await createServers(ctx.ctx, {
    name: input.name,
    imageRef: input.imageId,
    flavorRef: input.flavorId,
    min_count: input.count,
    max_count: input.count,
    ...(input.keyName ? { key_name: input.keyName } : {}),
    ...(input.availabilityZone ? { availability_zone: input.availabilityZone } : {}),
    ...(input.description ? { description: input.description } : {}),
  }, input.serverGroupId ? { group: input.serverGroupId } : {});
  await publishChanges(
    ctx.ctx.redis,
    ctx.ctx.keyPrefix,
    created.instances.map((i) => ({ type: 'instance' as const, id: i.id, projectId: i.projectId })),
  );
  return { reservationId: created.reservationId, ids: created.instances.map((i) => i.id) };
}
