import type { z } from 'zod';
import { listUserProjects } from '@nimbus/core/identity/resources/users';
import { allowed, type ConsoleHandlerCtx } from './handler-context';
import type { ZLookupsInputSchema } from './lookups.schema';

export interface Option {
  id: string;
  name: string;
}

/** A select should stay a select: beyond this many rows a form needs a search box instead. */
const LIMIT = 1000;
const byName = { orderBy: [{ name: 'asc' as const }, { id: 'asc' as const }], take: LIMIT, select: { id: true, name: true } };

/**
 * Names and ids for form selects. Each list follows its own list rule; a caller who may not list
 * users gets no users (and the form offers nothing it could not submit).
 */
export async function lookupsHandler({ ctx, input }: { ctx: ConsoleHandlerCtx; input: z.infer<typeof ZLookupsInputSchema> }) {
  const db = ctx.ctx.db;
  const none = Promise.resolve([] as Option[]);
  const projects = async (): Promise<Option[]> => {
    if (allowed(ctx, 'identity:list_projects')) return db.project.findMany(byName);
    return (await listUserProjects(ctx.ctx, ctx.session.auth.userId)).map((p) => ({ id: p.id, name: p.name }));
  };
  const [users, groups, roles, projectList] = await Promise.all([
    input.users && allowed(ctx, 'identity:list_users') ? db.user.findMany(byName) : none,
    input.groups && allowed(ctx, 'identity:list_groups') ? db.group.findMany(byName) : none,
    input.roles && allowed(ctx, 'identity:list_roles') ? db.role.findMany(byName) : none,
    input.projects ? projects() : none,
  ]);
  return { users, groups, roles, projects: projectList };
}
