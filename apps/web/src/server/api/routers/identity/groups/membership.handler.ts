import type { z } from 'zod';
import { addUserToGroup, removeUserFromGroup } from '@nimbus/core/identity/resources/groups';
import type { ConsoleHandlerCtx } from '../handler-context';
import type { ZMembershipInputSchema } from './membership.schema';

type MembershipInput = z.infer<typeof ZMembershipInputSchema>;

export async function addMemberHandler({ ctx, input }: { ctx: ConsoleHandlerCtx; input: MembershipInput }) {
  await addUserToGroup(ctx.ctx, input.groupId, input.userId);
  return { ok: true as const };
}

export async function removeMemberHandler({ ctx, input }: { ctx: ConsoleHandlerCtx; input: MembershipInput }) {
  await removeUserFromGroup(ctx.ctx, input.groupId, input.userId);
  return { ok: true as const };
}
