import type { Role } from '@nimbus/db';
import {
  createImpliedRole,
  createRole,
  deleteImpliedRole,
  deleteRole,
  getImpliedRole,
  getRole,
  link,
  listImpliedRoles,
  listRoleInferences,
  listRoles,
  roleView,
  updateRole,
} from '@nimbus/core/identity/resources/index';
import type { RestRequest, RouteDef } from '../../router';
import { collection, defined, member, noContent, one, paging, param, text } from './http';

/** Roles inside a role_inference carry only id, name and links. */
function inferred(r: Role, baseUrl: string) {
  return { id: r.id, name: r.name, links: { self: link(baseUrl, `roles/${r.id}`) } };
}

function inferenceBody(req: RestRequest, prior: Role, implied: Role) {
  return {
    role_inference: { prior_role: inferred(prior, req.baseUrl), implies: inferred(implied, req.baseUrl) },
    links: { self: link(req.baseUrl, `roles/${prior.id}/implies/${implied.id}`) },
  };
}

const pair = (req: RestRequest) => [param(req, 'prior_role_id'), param(req, 'implied_role_id')] as const;

export const roleRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/v3/roles',
    handler: async (req) => collection(req, 'roles', await listRoles(req.ctx, defined({ name: text(req, 'name'), domain_id: text(req, 'domain_id'), ...paging(req) })), roleView),
  },
  {
    method: 'POST',
    path: '/v3/roles',
    handler: async (req) => one(201, 'role', roleView(await createRole(req.ctx, await member(req, 'role')), req.baseUrl)),
  },
  {
    method: 'GET',
    path: '/v3/roles/:role_id',
    handler: async (req) => one(200, 'role', roleView(await getRole(req.ctx, param(req, 'role_id')), req.baseUrl)),
  },
  {
    method: 'PATCH',
    path: '/v3/roles/:role_id',
    handler: async (req) => one(200, 'role', roleView(await updateRole(req.ctx, param(req, 'role_id'), await member(req, 'role')), req.baseUrl)),
  },
  {
    method: 'DELETE',
    path: '/v3/roles/:role_id',
    handler: async (req) => {
      await deleteRole(req.ctx, param(req, 'role_id'));
      return noContent;
    },
  },
  {
    method: 'GET',
    path: '/v3/roles/:prior_role_id/implies',
    handler: async (req) => {
      const { prior, implies } = await listImpliedRoles(req.ctx, param(req, 'prior_role_id'));
      return {
        status: 200,
        body: {
          role_inference: { prior_role: inferred(prior, req.baseUrl), implies: implies.map((r) => inferred(r, req.baseUrl)) },
          links: { self: link(req.baseUrl, `roles/${prior.id}/implies`) },
        },
      };
    },
  },
  {
    method: 'PUT',
    path: '/v3/roles/:prior_role_id/implies/:implied_role_id',
    handler: async (req) => {
      const { prior, implied } = await createImpliedRole(req.ctx, ...pair(req));
      return { status: 201, body: inferenceBody(req, prior, implied) };
    },
  },
  {
    method: 'GET',
    path: '/v3/roles/:prior_role_id/implies/:implied_role_id',
    handler: async (req) => {
      const { prior, implied } = await getImpliedRole(req.ctx, ...pair(req));
      return { status: 200, body: inferenceBody(req, prior, implied) };
    },
  },
  {
    method: 'HEAD',
    path: '/v3/roles/:prior_role_id/implies/:implied_role_id',
    handler: async (req) => {
      await getImpliedRole(req.ctx, ...pair(req), 'check');
      return noContent;
    },
  },
  {
    method: 'DELETE',
    path: '/v3/roles/:prior_role_id/implies/:implied_role_id',
    handler: async (req) => {
      await deleteImpliedRole(req.ctx, ...pair(req));
      return noContent;
    },
  },
  {
    method: 'GET',
    path: '/v3/role_inferences',
    handler: async (req) => {
      const rules = await listRoleInferences(req.ctx);
      return {
        status: 200,
        body: {
          role_inferences: rules.map((r) => ({ prior_role: inferred(r.prior, req.baseUrl), implies: r.implies.map((i) => inferred(i, req.baseUrl)) })),
          links: { self: link(req.baseUrl, 'role_inferences') },
        },
      };
    },
  },
];
