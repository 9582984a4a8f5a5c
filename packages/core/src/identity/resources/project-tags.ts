import { NotFound } from '@nimbus/shared';
import type { Project } from '@nimbus/db';
import type { RequestContext } from '../context.js';
import { identityChanged } from '../revocation.js';
import { authorize } from './policy.js';
import { parseInput } from './common.js';
import { getProjectOr404, targetOf } from './lookup.js';
import { zTags } from './projects.js';

/** Keystone's project tag API (`/v3/projects/{id}/tags[/{tag}]`), next to tags in PATCH bodies. */
async function load(ctx: RequestContext, projectId: string, rule: string, tag?: string): Promise<Project> {
  const project = await getProjectOr404(ctx.db, projectId);
  authorize(ctx.auth, rule, {
    target: { project: targetOf.project(project) },
    project_id: project.id,
    domain_id: project.domainId,
    ...(tag !== undefined ? { value: tag } : {}),
  });
  return project;
}

async function save(ctx: RequestContext, projectId: string, tags: string[]): Promise<string[]> {
  const updated = await ctx.db.project.update({ where: { id: projectId }, data: { tags } });
  await identityChanged(ctx);
  return updated.tags;
}

export async function listProjectTags(ctx: RequestContext, projectId: string): Promise<string[]> {
  return (await load(ctx, projectId, 'identity:list_project_tags')).tags;
}

export async function checkProjectTag(ctx: RequestContext, projectId: string, tag: string): Promise<void> {
  const project = await load(ctx, projectId, 'identity:get_project_tag', tag);
  if (!project.tags.includes(tag)) throw new NotFound(`Tag ${tag} not found for project ${projectId}.`);
}

/** `PUT .../tags`: replaces the whole set. */
export async function replaceProjectTags(ctx: RequestContext, projectId: string, rawTags: unknown): Promise<string[]> {
  const tags = parseInput(zTags, rawTags, 'tags');
  await load(ctx, projectId, 'identity:update_project_tags');
  return save(ctx, projectId, [...new Set(tags)]);
}

/** `PUT .../tags/{tag}`: adds one (idempotent). */
export async function addProjectTag(ctx: RequestContext, projectId: string, tag: string): Promise<string[]> {
  parseInput(zTags, [tag], 'tags');
  const project = await load(ctx, projectId, 'identity:create_project_tag', tag);
  if (project.tags.includes(tag)) return project.tags;
  return save(ctx, projectId, parseInput(zTags, [...project.tags, tag], 'tags'));
}

export async function deleteProjectTag(ctx: RequestContext, projectId: string, tag: string): Promise<void> {
  const project = await load(ctx, projectId, 'identity:delete_project_tag', tag);
  if (!project.tags.includes(tag)) throw new NotFound(`Tag ${tag} not found for project ${projectId}.`);
  await save(ctx, projectId, project.tags.filter((t) => t !== tag));
}

export async function deleteProjectTags(ctx: RequestContext, projectId: string): Promise<void> {
  await load(ctx, projectId, 'identity:delete_project_tags');
  await save(ctx, projectId, []);
}
