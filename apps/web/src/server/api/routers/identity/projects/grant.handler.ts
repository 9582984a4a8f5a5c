import type { z } from 'zod';
import { createGrant, deleteGrant, type GrantRef } from '@nimbus/core/identity/resources/grants';
import type { ConsoleHandlerCtx } from '../handler-context';
import type { ZGrantInputSchema } from './grant.schema';

type GrantInput = z.infer<typeof ZGrantInputSchema>;

function refOf(input: GrantInput): GrantRef {
  return {
    actor: input.actorType === 'user' ? { userId: input.actorId } : { groupId: input.actorId },
    scope: { projectId: input.projectId },
  };
}

export async function grantHandler({ ctx, input }: { ctx: ConsoleHandlerCtx; input: GrantInput }) {
  await createGrant(ctx.ctx, refOf(input), input.roleId);
  return { ok: true as const };
}

export async function revokeHandler({ ctx, input }: { ctx: ConsoleHandlerCtx; input: GrantInput }) {
  await deleteGrant(ctx.ctx, refOf(input), input.roleId);
  return { ok: true as const };
}
