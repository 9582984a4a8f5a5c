import { Forbidden } from '@nimbus/shared';
import { accessibleDomains, accessibleProjects } from '@nimbus/core/identity/accessible-projects';
import { recordRevocation } from '@nimbus/core/identity/revocation';
import { runtime } from '../../runtime';
import type { RestRequest, RouteDef } from '../router';

function wantsCatalog(req: RestRequest): boolean {
  return !req.query.has('nocatalog');
}

/** The subject token of GET/HEAD/DELETE, validated; a caller may always inspect its own token. */
async function subject(req: RestRequest) {
  const auth = await runtime().tokens.validateSubject(req.headers.get('x-subject-token'));
  const caller = req.ctx.auth;
  if (caller && caller.userId !== auth.userId && !caller.isAdmin && !caller.roles.includes('service')) {
    throw new Forbidden('You are not authorized to perform the requested action: identity:validate_token.');
  }
  return auth;
}

export const authRoutes: RouteDef[] = [
  {
    method: 'POST',
    path: '/v3/auth/tokens',
    auth: false,
    handler: async (req) => {
      const { tokens } = runtime();
      const { token, auth } = await tokens.issue(await req.json());
      req.ctx.auth = auth;
      return {
        status: 201,
        headers: { 'X-Subject-Token': token },
        body: await tokens.body(auth, { catalog: wantsCatalog(req) }),
      };
    },
  },
  {
    method: 'GET',
    path: '/v3/auth/tokens',
    handler: async (req) => {
      const auth = await subject(req);
      return {
        status: 200,
        headers: { 'X-Subject-Token': req.headers.get('x-subject-token') ?? '' },
        body: await runtime().tokens.body(auth, { catalog: wantsCatalog(req) }),
      };
    },
  },
  {
    method: 'HEAD',
    path: '/v3/auth/tokens',
    handler: async (req) => {
      await subject(req);
      return { status: 200, headers: { 'X-Subject-Token': req.headers.get('x-subject-token') ?? '' } };
    },
  },
  {
    method: 'DELETE',
    path: '/v3/auth/tokens',
    handler: async (req) => {
      const auth = await subject(req);
      await recordRevocation(req.ctx, { auditId: auth.auditIds[0] }, 'token revoked');
      return { status: 204 };
    },
  },
  {
    method: 'GET',
    path: '/v3/auth/catalog',
    handler: async (req) => {
      const auth = req.ctx.auth!;
      if (!auth.projectId && !auth.domainId) throw new Forbidden('The authenticated token is unscoped; a catalog needs a scoped token.');
      return {
        status: 200,
        body: { catalog: await runtime().tokens.catalogFor(auth), links: { self: `${req.baseUrl}/v3/auth/catalog`, previous: null, next: null } },
      };
    },
  },
  {
    method: 'GET',
    path: '/v3/auth/projects',
    handler: async (req) => {
      const rows = await accessibleProjects(req.ctx.db, req.ctx.auth!.userId);
      const projects = rows.map((p) => ({
        id: p.id,
        name: p.name,
        domain_id: p.domainId,
        description: p.description,
        enabled: p.enabled,
        parent_id: p.parentId ?? p.domainId,
        is_domain: false,
        tags: p.tags,
        options: {},
        links: { self: `${req.baseUrl}/v3/projects/${p.id}` },
      }));
      return { status: 200, body: { projects, links: { self: `${req.baseUrl}/v3/auth/projects`, previous: null, next: null } } };
    },
  },
  {
    method: 'GET',
    path: '/v3/auth/domains',
    handler: async (req) => {
      const domains = await accessibleDomains(req.ctx.db, req.ctx.auth!.userId);
      return {
        status: 200,
        body: {
          domains: domains.map((d) => ({ id: d.id, name: d.name, description: d.description, enabled: d.enabled, tags: [], options: {}, links: { self: `${req.baseUrl}/v3/domains/${d.id}` } })),
          links: { self: `${req.baseUrl}/v3/auth/domains`, previous: null, next: null },
        },
      };
    },
  },
];

