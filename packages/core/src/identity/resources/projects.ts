import { z } from 'zod';
import { BadRequest, Forbidden, newId } from '@nimbus/shared';
import type { Prisma, Project } from '@nimbus/db';
import type { RequestContext } from '../context.js';
import { identityChanged, recordRevocation } from '../revocation.js';
import { authorize } from './policy.js';
import {
  duplicate,
  extraOf,
  inTransaction,
  pageArgs,
  parseInput,
  toPage,
  zDescription,
  zEnabled,
  zId,
  zName,
  zPage,
  type Page,
  type Tx,
} from './common.js';
import { descendantIds, getDomainOr404, getProjectOr404, targetOf } from './lookup.js';

/** Keystone's project tag rules: 1..255 characters, no '/' or ',', at most 80 per project. */
export const zTags = z
  .array(
    z
      .string()
      .min(1, 'tags must not be empty')
      .max(255, 'tags must be at most 255 characters')
      .refine((t) => !/[/,]/.test(t), "tags must not contain '/' or ','"),
  )
  .max(80, 'at most 80 tags');

const PROJECT_COLUMNS = ['id', 'name', 'domain_id', 'parent_id', 'description', 'enabled', 'is_domain', 'tags', 'options', 'links'] as const;

export const ZCreateProjectInput = z.looseObject({
  name: zName,
  domain_id: zId.nullish(),
  parent_id: zId.nullish(),
  description: zDescription.optional(),
  enabled: zEnabled.optional(),
  is_domain: z.boolean().optional(),
  tags: zTags.optional(),
  options: z.record(z.string(), z.unknown()).optional(),
});
export type CreateProjectInput = z.input<typeof ZCreateProjectInput>;

export const ZUpdateProjectInput = z.looseObject({
  name: zName.optional(),
  domain_id: zId.optional(),
  parent_id: zId.nullish(),
  description: zDescription.optional(),
  enabled: zEnabled.optional(),
  is_domain: z.boolean().optional(),
  tags: zTags.optional(),
  options: z.record(z.string(), z.unknown()).optional(),
});
export type UpdateProjectInput = z.input<typeof ZUpdateProjectInput>;

export const ZListProjectsInput = z.object({
  name: z.string().optional(),
  enabled: z.boolean().optional(),
  domain_id: z.string().optional(),
  parent_id: z.string().optional(),
  is_domain: z.boolean().optional(),
  /** Projects carrying every one of these tags. */
  tags: z.array(z.string()).optional(),
  /** Projects carrying any of these tags. */
  tags_any: z.array(z.string()).optional(),
  ...zPage,
});
export type ListProjectsInput = z.input<typeof ZListProjectsInput>;

/** Where a new resource goes when the request names no domain: the token's domain, else Default. */
export function defaultDomainId(ctx: RequestContext): string {
  return ctx.auth?.domainId ?? ctx.auth?.projectDomainId ?? 'default';
}

function projectDuplicate(name: string, domainId: string) {
  return duplicate('project', `name ${name} at domain ID ${domainId}`);
}

export async function getProject(ctx: RequestContext, projectId: string): Promise<Project> {
  const project = await getProjectOr404(ctx.db, projectId);
  authorize(ctx.auth, 'identity:get_project', { target: { project: targetOf.project(project) }, project_id: project.id, domain_id: project.domainId });
  return project;
}

export async function listProjects(ctx: RequestContext, rawInput: ListProjectsInput = {}): Promise<Page<Project>> {
  const input = parseInput(ZListProjectsInput, rawInput);
  authorize(ctx.auth, 'identity:list_projects', { ...(input.domain_id ? { domain_id: input.domain_id } : {}), target: {} });
  // nimbus has no projects acting as domains, so asking for them finds none.
  if (input.is_domain === true) return { items: [], nextMarker: null };
  const where: Prisma.ProjectWhereInput = {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
    ...(input.domain_id !== undefined ? { domainId: input.domain_id } : {}),
    ...(input.tags?.length ? { tags: { hasEvery: input.tags } } : {}),
    ...(input.tags_any?.length ? { tags: { hasSome: input.tags_any } } : {}),
  };
  if (input.parent_id !== undefined) {
    // A top-level project's parent is its domain, as Keystone reports it.
    const isDomain = (await ctx.db.domain.count({ where: { id: input.parent_id } })) > 0;
    where.AND = isDomain ? [{ parentId: null, domainId: input.parent_id }] : [{ parentId: input.parent_id }];
  }
  const rows = await ctx.db.project.findMany({ where, ...pageArgs(input) });
  return toPage(rows, input.limit);
}

export async function createProject(ctx: RequestContext, rawInput: CreateProjectInput): Promise<Project> {
  const input = parseInput(ZCreateProjectInput, rawInput);
  if (input.is_domain === true) throw new BadRequest('Invalid input for field \'is_domain\': projects acting as domains are not supported', { field: 'is_domain' });
  const project = await inTransaction(ctx, `Conflict occurred attempting to store project - Duplicate entry found with name ${input.name}.`, async (tx) => {
    let parent: Project | null = null;
    let domainId = input.domain_id ?? null;
    if (input.parent_id) {
      const parentDomain = await tx.domain.findUnique({ where: { id: input.parent_id } });
      if (parentDomain) {
        domainId ??= parentDomain.id;
        if (domainId !== parentDomain.id) throw new BadRequest('Cannot create project, the parent (domain) is in a different domain.', { field: 'parent_id' });
      } else {
        parent = await tx.project.findUnique({ where: { id: input.parent_id } });
        if (!parent) throw new BadRequest(`Invalid input for field 'parent_id': could not find project ${input.parent_id}`, { field: 'parent_id' });
        domainId ??= parent.domainId;
        if (domainId !== parent.domainId) throw new BadRequest('Cannot create project, since its parent is in a different domain.', { field: 'parent_id' });
      }
    }
    domainId ??= defaultDomainId(ctx);
    const domain = await getDomainOr404(tx, domainId);
    authorize(ctx.auth, 'identity:create_project', {
      target: { project: { name: input.name, domain_id: domain.id, parent_id: parent?.id ?? domain.id } },
      domain_id: domain.id,
    });
    if (await tx.project.findUnique({ where: { domainId_name: { domainId: domain.id, name: input.name } } })) {
      throw projectDuplicate(input.name, domain.id);
    }
    return tx.project.create({
      data: {
        id: newId(),
        name: input.name,
        domainId: domain.id,
        parentId: parent?.id ?? null,
        description: input.description ?? '',
        enabled: input.enabled ?? true,
        tags: input.tags ?? [],
        extra: extraOf(input, PROJECT_COLUMNS) as Prisma.InputJsonValue,
      },
    });
  });
  await identityChanged(ctx);
  return project;
}

export async function updateProject(ctx: RequestContext, projectId: string, rawInput: UpdateProjectInput): Promise<Project> {
  const input = parseInput(ZUpdateProjectInput, rawInput);
  const before = await getProjectOr404(ctx.db, projectId);
  authorize(ctx.auth, 'identity:update_project', { target: { project: targetOf.project(before) }, project_id: before.id, domain_id: before.domainId });
  if (input.domain_id !== undefined && input.domain_id !== before.domainId) {
    throw new BadRequest("Invalid input for field 'domain_id': update of domain_id is not allowed.", { field: 'domain_id' });
  }
  if (input.parent_id !== undefined && (input.parent_id ?? before.domainId) !== (before.parentId ?? before.domainId)) {
    throw new Forbidden('Update of `parent_id` is not allowed.');
  }
  if (input.is_domain === true) throw new BadRequest("Invalid input for field 'is_domain': update of is_domain is not allowed.", { field: 'is_domain' });
  const name = input.name;
  const after = await inTransaction(ctx, `Conflict occurred attempting to store project - Duplicate entry found with name ${name ?? before.name}.`, async (tx) => {
    if (name !== undefined && name !== before.name) {
      const clash = await tx.project.findUnique({ where: { domainId_name: { domainId: before.domainId, name } } });
      if (clash) throw projectDuplicate(name, before.domainId);
    }
    if (input.enabled === true && !before.enabled) await assertParentsEnabled(tx, before);
    const extra = extraOf(input, PROJECT_COLUMNS);
    return tx.project.update({
      where: { id: projectId },
      data: {
        ...(name !== undefined ? { name } : {}),
        ...(input.description !== undefined ? { description: input.description ?? '' } : {}),
        ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
        ...(input.tags !== undefined ? { tags: input.tags } : {}),
        ...(Object.keys(extra).length ? { extra: { ...(before.extra as object), ...extra } as Prisma.InputJsonValue } : {}),
      },
    });
  });
  if (before.enabled && !after.enabled) {
    await recordRevocation(ctx, { projectId }, 'project disabled');
  } else {
    await identityChanged(ctx);
  }
  return after;
}

/** Keystone refuses to enable a project below a disabled one. */
async function assertParentsEnabled(tx: Tx, project: Project): Promise<void> {
  let parentId = project.parentId;
  const seen = new Set<string>();
  while (parentId && !seen.has(parentId)) {
    seen.add(parentId);
    const parent = await tx.project.findUnique({ where: { id: parentId } });
    if (!parent) return;
    if (!parent.enabled) throw new Forbidden(`Cannot enable project ${project.id} since it has disabled parents.`);
    parentId = parent.parentId;
  }
}

export async function deleteProject(ctx: RequestContext, projectId: string): Promise<void> {
  const project = await getProjectOr404(ctx.db, projectId);
  authorize(ctx.auth, 'identity:delete_project', { target: { project: targetOf.project(project) }, project_id: project.id, domain_id: project.domainId });
  await inTransaction(ctx, 'Conflict occurred attempting to delete project.', async (tx) => {
    if ((await descendantIds(tx, projectId)).length > 0) {
      throw new Forbidden(
        `Cannot delete the project ${projectId} since it is not a leaf in the hierarchy. Use the cascade option if you want to delete a whole subtree.`,
      );
    }
    await tx.project.delete({ where: { id: projectId } });
  });
  await recordRevocation(ctx, { projectId }, 'project deleted');
}
