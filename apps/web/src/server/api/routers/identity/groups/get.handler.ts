import type { z } from 'zod';
import { getGroup } from '@nimbus/core/identity/resources/groups';
import { allowed, type ConsoleHandlerCtx } from '../handler-context';
import type { ZGetInputSchema } from './get.schema';

export async function getHandler({ ctx, input }: { ctx: ConsoleHandlerCtx; input: z.infer<typeof ZGetInputSchema> }) {
  const group = await getGroup(ctx.ctx, input.id);
  const domain = await ctx.ctx.db.domain.findUnique({ where: { id: group.domainId }, select: { name: true } });
  const target = { target: { group: { id: group.id, domain_id: group.domainId } }, group_id: group.id, domain_id: group.domainId };
  return {
    id: group.id,
    name: group.name,
    description: group.description,
    domainId: group.domainId,
    domainName: domain?.name ?? group.domainId,
    can: {
      update: allowed(ctx, 'identity:update_group', target),
      delete: allowed(ctx, 'identity:delete_group', target),
      addMember: allowed(ctx, 'identity:add_user_to_group', target),
      removeMember: allowed(ctx, 'identity:remove_user_from_group', target),
    },
  };
}
