import type { Project } from '@nimbus/db';
import type { RequestContext } from '../context.js';
import { can } from './policy.js';
import { targetOf } from './lookup.js';

export interface ProjectHierarchy {
  /** Nearest first, up to the top-level project. */
  parents: Project[];
  /** Breadth first. */
  subtree: Project[];
}

/**
 * What `GET /v3/projects/{id}?parents_as_list&subtree_as_list` (and the `_as_ids` forms) add:
 * like Keystone, only the projects the caller may read appear.
 */
export async function projectHierarchy(ctx: RequestContext, project: Project): Promise<ProjectHierarchy> {
  const parents: Project[] = [];
  let parentId = project.parentId;
  while (parentId && !parents.some((p) => p.id === parentId)) {
    const parent = await ctx.db.project.findUnique({ where: { id: parentId } });
    if (!parent) break;
    parents.push(parent);
    parentId = parent.parentId;
  }
  const subtree: Project[] = [];
  let frontier = [project.id];
  while (frontier.length > 0) {
    const children = await ctx.db.project.findMany({ where: { parentId: { in: frontier } }, orderBy: [{ name: 'asc' }, { id: 'asc' }] });
    const fresh = children.filter((c) => c.id !== project.id && !subtree.some((s) => s.id === c.id));
    subtree.push(...fresh);
    frontier = fresh.map((c) => c.id);
  }
  const readable = (p: Project) => can(ctx.auth, 'identity:get_project', { target: { project: targetOf.project(p) }, project_id: p.id, domain_id: p.domainId });
  return { parents: parents.filter(readable), subtree: subtree.filter(readable) };
}

/** Keystone's `parents_as_ids`: `{parent: {grandparent: {domain: null}}}`, the domain at the top. */
export function parentsAsIds(project: Project, parents: Project[]): Record<string, unknown> {
  let tree: Record<string, unknown> = { [project.domainId]: null };
  for (const p of [...parents].reverse()) tree = { [p.id]: tree };
  return tree;
}

/** Keystone's `subtree_as_ids`: `{child: {grandchild: null}, leaf: null}`. */
export function subtreeAsIds(project: Project, subtree: Project[]): Record<string, unknown> | null {
  const children = subtree.filter((p) => p.parentId === project.id);
  if (children.length === 0) return null;
  return Object.fromEntries(children.map((c) => [c.id, subtreeAsIds(c, subtree)]));
}
