import type { z } from 'zod';
import { createFlavor } from '@nimbus/core/compute/flavors';
import type { ConsoleHandlerCtx } from '../../identity/handler-context';
import type { ZCreateInputSchema } from './create.schema';

export async function createHandler({ ctx, input }: { ctx: ConsoleHandlerCtx; input: z.infer<typeof ZCreateInputSchema> }) {
  const flavor = await createFlavor(ctx.ctx, {
    name: input.name,
    ...(input.id ? { id: input.id } : {}),
    vcpus: input.vcpus,
    ram: input.ramMb,
    disk: input.diskGb,
    'OS-FLV-EXT-DATA:ephemeral': input.ephemeralGb,
    swap: input.swapMb,
    'os-flavor-access:is_public': input.isPublic,
    ...(input.description ? { description: input.description } : {}),
  });
  return { id: flavor.id, name: flavor.name };
}
