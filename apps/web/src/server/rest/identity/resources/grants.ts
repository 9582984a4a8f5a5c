import { checkGrant, createGrant, deleteGrant, listGrants, roleView, type GrantRef } from '@nimbus/core/identity/resources/index';
import type { RestRequest, RouteDef } from '../../router';
import { collection, noContent, param } from './http';

type ScopeKind = 'projects' | 'domains';
type ActorKind = 'users' | 'groups';

function refOf(req: RestRequest, scope: ScopeKind, actor: ActorKind, inherited: boolean): GrantRef {
  return {
    actor: actor === 'users' ? { userId: param(req, 'actor_id') } : { groupId: param(req, 'actor_id') },
    scope: scope === 'projects' ? { projectId: param(req, 'scope_id') } : { domainId: param(req, 'scope_id') },
    inherited,
  };
}

/** The eight grant URL families: {projects,domains} × {users,groups}, plain and OS-INHERIT. */
function grantRoutes(scope: ScopeKind, actor: ActorKind, inherited: boolean): RouteDef[] {
  const base = `/v3/${inherited ? 'OS-INHERIT/' : ''}${scope}/:scope_id/${actor}/:actor_id/roles`;
  const one = `${base}/:role_id${inherited ? '/inherited_to_projects' : ''}`;
  const list = inherited ? `${base}/inherited_to_projects` : base;
  const ref = (req: RestRequest) => refOf(req, scope, actor, inherited);
  const check = async (req: RestRequest) => {
    await checkGrant(req.ctx, ref(req), param(req, 'role_id'));
    return noContent;
  };
  return [
    { method: 'GET', path: list, handler: async (req) => collection(req, 'roles', await listGrants(req.ctx, ref(req)), roleView) },
    {
      method: 'PUT',
      path: one,
      handler: async (req) => {
        await createGrant(req.ctx, ref(req), param(req, 'role_id'));
        return noContent;
      },
    },
    { method: 'HEAD', path: one, handler: check },
    { method: 'GET', path: one, handler: check },
    {
      method: 'DELETE',
      path: one,
      handler: async (req) => {
        await deleteGrant(req.ctx, ref(req), param(req, 'role_id'));
        return noContent;
      },
    },
  ];
}

export const grantRouteDefs: RouteDef[] = (['projects', 'domains'] as const).flatMap((scope) =>
  (['users', 'groups'] as const).flatMap((actor) => [...grantRoutes(scope, actor, false), ...grantRoutes(scope, actor, true)]),
);
