import { z } from 'zod';
import { BadRequest } from '@nimbus/shared';
import { parseNova } from '@nimbus/core/compute/servers/common';
import {
  createServerGroup,
  deleteServerGroup,
  getServerGroup,
  listServerGroups,
  zGroupName,
  zMaxServerPerHost,
  type CreateServerGroupInput,
  type ServerGroupWithMembers,
} from '@nimbus/core/compute/server-groups';
import type { RestRequest, RouteDef } from '../router';
import { queryInt } from './flavors';
import type { Microversion } from './microversion';
import { bodyMember, param, route } from './servers/http';

const G = '/v2.1/os-server-groups';

/** jsonschema's wording for properties a Nova schema does not allow. */
function strict<S extends z.ZodRawShape>(shape: S) {
  return z.strictObject(shape, {
    error: (iss) =>
      iss.code === 'unrecognized_keys'
        ? `Additional properties are not allowed (${iss.keys.map((k) => `'${k}'`).join(', ')} ${iss.keys.length > 1 ? 'were' : 'was'} unexpected)`
        : undefined,
  });
}

function oneOf(values: readonly string[]) {
  return z.enum(values as [string, ...string[]], { error: (iss) => `${JSON.stringify(iss.input)} is not one of [${values.map((p) => `'${p}'`).join(', ')}]` });
}

const HARD = ['anti-affinity', 'affinity'] as const;
const ALL = [...HARD, 'soft-anti-affinity', 'soft-affinity'] as const;

/** Before 2.64 a one-item `policies` list (soft policies from 2.15); from 2.64 `policy` and `rules`. */
function createSchema(v: Microversion) {
  if (v.atLeast('2.64')) {
    return strict({ name: zGroupName, policy: oneOf(ALL), rules: strict({ max_server_per_host: zMaxServerPerHost.optional() }).optional() });
  }
  const policy = oneOf(v.atLeast('2.15') ? ALL : HARD);
  return strict({
    name: zGroupName,
    policies: z
      .array(policy, { error: 'must be a list' })
      .min(1, 'must have exactly one item')
      .max(1, 'must have exactly one item'),
  });
}

function createInput(body: Record<string, unknown>, v: Microversion): CreateServerGroupInput {
  const parsed = parseNova(z.object({ server_group: createSchema(v) }), { server_group: body }).server_group as Record<string, unknown>;
  if ('policies' in parsed) return { name: parsed.name as string, policy: (parsed.policies as CreateServerGroupInput['policy'][])[0]! };
  return parsed as CreateServerGroupInput;
}

/** Nova's view: `policies` + an always empty `metadata` before 2.64, `policy` + `rules` from it; owner ids from 2.13. */
export function serverGroupView(g: ServerGroupWithMembers, v: Microversion) {
  return {
    id: g.id,
    name: g.name,
    ...(v.atLeast('2.64') ? { policy: g.policy, rules: g.rules ?? {} } : { policies: [g.policy], metadata: {} }),
    members: g.members,
    ...(v.atLeast('2.13') ? { project_id: g.projectId, user_id: g.userId } : {}),
  };
}

const INDEX_QUERY = ['all_projects', 'limit', 'offset'];

function listInput(req: RestRequest, v: Microversion) {
  // 2.75 closed the query schema: unknown parameters are refused from then on.
  if (v.atLeast('2.75')) {
    const unknown = [...new Set(req.query.keys())].filter((k) => !INDEX_QUERY.includes(k));
    if (unknown.length) {
      throw new BadRequest(`Invalid input for query parameters ${unknown[0]}. Additional properties are not allowed (${unknown.map((k) => `'${k}'`).join(', ')} ${unknown.length > 1 ? 'were' : 'was'} unexpected)`, { field: unknown[0] });
    }
  }
  const nonNegative = (name: string) => queryInt(req, name, 0, (x) => `Invalid input for query parameters ${name}. Value: ${x}. '${x}' does not match '^[0-9]*$'`);
  return { allProjects: req.query.has('all_projects'), limit: nonNegative('limit'), offset: nonNegative('offset') };
}

export const serverGroupRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: G,
    handler: route(async (req, v) => ({ status: 200, body: { server_groups: (await listServerGroups(req.ctx, listInput(req, v))).map((g) => serverGroupView(g, v)) } })),
  },
  {
    method: 'POST',
    path: G,
    handler: route(async (req, v) => {
      const group = await createServerGroup(req.ctx, createInput(await bodyMember(req, 'server_group'), v));
      return { status: 200, body: { server_group: serverGroupView(group, v) } };
    }),
  },
  {
    method: 'GET',
    path: `${G}/:id`,
    handler: route(async (req, v) => ({ status: 200, body: { server_group: serverGroupView(await getServerGroup(req.ctx, param(req, 'id')), v) } })),
  },
  {
    method: 'DELETE',
    path: `${G}/:id`,
    handler: route(async (req) => {
      await deleteServerGroup(req.ctx, param(req, 'id'));
      return { status: 204 };
    }),
  },
];
