import type { z } from 'zod';
import { getProject } from '@nimbus/core/identity/resources/projects';
import { allowed, type ConsoleHandlerCtx } from '../handler-context';
import type { ZGetInputSchema } from './get.schema';

export async function getHandler({ ctx, input }: { ctx: ConsoleHandlerCtx; input: z.infer<typeof ZGetInputSchema> }) {
  const project = await getProject(ctx.ctx, input.id);
  const [domain, parent] = await Promise.all([
    ctx.ctx.db.domain.findUnique({ where: { id: project.domainId }, select: { name: true } }),
    project.parentId ? ctx.ctx.db.project.findUnique({ where: { id: project.parentId }, select: { id: true, name: true } }) : null,
  ]);
  const target = { target: { project: { id: project.id, domain_id: project.domainId } }, project_id: project.id };
  return {
    id: project.id,
    name: project.name,
    description: project.description,
    enabled: project.enabled,
    domainId: project.domainId,
    domainName: domain?.name ?? project.domainId,
    parent,
    createdAt: project.createdAt,
    can: {
      update: allowed(ctx, 'identity:update_project', target),
      delete: allowed(ctx, 'identity:delete_project', target),
      listAssignments: allowed(ctx, 'identity:list_role_assignments', target),
      grant: allowed(ctx, 'identity:create_grant', target),
      revoke: allowed(ctx, 'identity:revoke_grant', target),
    },
  };
}
