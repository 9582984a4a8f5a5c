import {
  addProjectTag,
  checkProjectTag,
  createProject,
  deleteProjectTag,
  deleteProjectTags,
  listProjectTags,
  replaceProjectTags,
  subtreeAsIds,
  deleteProject,
  getProject,
  listProjects,
  listUserProjects,
  parentsAsIds,
  projectHierarchy,
  projectView,
  updateProject,
} from '@nimbus/core/identity/resources/index';
import type { RouteDef } from '../../router';
import { collection, defined, flag, list, member, noContent, one, paging, param, text } from './http';

export const projectRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/v3/projects',
    handler: async (req) =>
      collection(
        req,
        'projects',
        await listProjects(
          req.ctx,
          defined({
            name: text(req, 'name'),
            enabled: flag(req, 'enabled'),
            domain_id: text(req, 'domain_id'),
            parent_id: text(req, 'parent_id'),
            is_domain: flag(req, 'is_domain'),
            tags: list(req, 'tags'),
            tags_any: list(req, 'tags-any'),
            ...paging(req),
          }),
        ),
        projectView,
      ),
  },
  {
    method: 'POST',
    path: '/v3/projects',
    handler: async (req) => one(201, 'project', projectView(await createProject(req.ctx, await member(req, 'project')), req.baseUrl)),
  },
  {
    method: 'GET',
    path: '/v3/projects/:project_id',
    handler: async (req) => {
      const project = await getProject(req.ctx, param(req, 'project_id'));
      const view: Record<string, unknown> = projectView(project, req.baseUrl);
      const asList = { parents: req.query.has('parents_as_list'), subtree: req.query.has('subtree_as_list') };
      const asIds = { parents: req.query.has('parents_as_ids'), subtree: req.query.has('subtree_as_ids') };
      if (asList.parents || asList.subtree || asIds.parents || asIds.subtree) {
        const { parents, subtree } = await projectHierarchy(req.ctx, project);
        const wrap = (rows: typeof parents) => rows.map((p) => ({ project: projectView(p, req.baseUrl) }));
        if (asList.parents) view.parents = wrap(parents);
        else if (asIds.parents) view.parents = parentsAsIds(project, parents);
        if (asList.subtree) view.subtree = wrap(subtree);
        else if (asIds.subtree) view.subtree = subtreeAsIds(project, subtree);
      }
      return one(200, 'project', view);
    },
  },
  {
    method: 'PATCH',
    path: '/v3/projects/:project_id',
    handler: async (req) =>
      one(200, 'project', projectView(await updateProject(req.ctx, param(req, 'project_id'), await member(req, 'project')), req.baseUrl)),
  },
  {
    method: 'DELETE',
    path: '/v3/projects/:project_id',
    handler: async (req) => {
      await deleteProject(req.ctx, param(req, 'project_id'));
      return noContent;
    },
  },
  {
    method: 'GET',
    path: '/v3/users/:user_id/projects',
    handler: async (req) =>
      collection(
        req,
        'projects',
        await listUserProjects(req.ctx, param(req, 'user_id'), defined({ enabled: flag(req, 'enabled'), name: text(req, 'name'), domain_id: text(req, 'domain_id') })),
        projectView,
      ),
  },
];

export const projectTagRoutes: RouteDef[] = [
  { method: 'GET', path: '/v3/projects/:project_id/tags', handler: async (req) => one(200, 'tags', await listProjectTags(req.ctx, param(req, 'project_id'))) },
  {
    method: 'PUT',
    path: '/v3/projects/:project_id/tags',
    handler: async (req) => {
      const body = await req.json<{ tags?: unknown }>();
      return one(200, 'tags', await replaceProjectTags(req.ctx, param(req, 'project_id'), body?.tags));
    },
  },
  {
    method: 'DELETE',
    path: '/v3/projects/:project_id/tags',
    handler: async (req) => {
      await deleteProjectTags(req.ctx, param(req, 'project_id'));
      return noContent;
    },
  },
  {
    method: 'GET',
    path: '/v3/projects/:project_id/tags/:tag',
    handler: async (req) => {
      await checkProjectTag(req.ctx, param(req, 'project_id'), param(req, 'tag'));
      return noContent;
    },
  },
  {
    method: 'PUT',
    path: '/v3/projects/:project_id/tags/:tag',
    handler: async (req) => {
      await addProjectTag(req.ctx, param(req, 'project_id'), param(req, 'tag'));
      return { status: 201, headers: { Location: `${req.baseUrl}/v3/projects/${param(req, 'project_id')}/tags/${encodeURIComponent(param(req, 'tag'))}` } };
    },
  },
  {
    method: 'DELETE',
    path: '/v3/projects/:project_id/tags/:tag',
    handler: async (req) => {
      await deleteProjectTag(req.ctx, param(req, 'project_id'), param(req, 'tag'));
      return noContent;
    },
  },
];
