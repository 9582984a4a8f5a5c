import { BadRequest } from '@nimbus/shared';
import {
  createServers,
  deleteServer,
  deleteServerMetadataItem,
  getServer,
  getServerMetadata,
  getServerMetadataItem,
  listServers,
  seesExtended,
  setServerMetadata,
  updateServer,
  type InstanceWithNode,
  type ListServersInput,
  type SchedulerHints,
} from '@nimbus/core/compute/servers/index';
import type { RestRequest, RouteDef } from '../../router';
import type { Microversion } from '../microversion';
import { bodyMember, param, route } from './http';
import { links, serverSummary, serverView, type ServerViewContext } from './views';

const STRING_FILTERS = ['name', 'image', 'flavor', 'host', 'node', 'availability_zone', 'key_name', 'reservation_id', 'user_id', 'project_id', 'changes-since', 'changes-before', 'marker'] as const;

/** `all_tenants` present with no value means true, as in Nova. */
function boolQuery(req: RestRequest, name: string): boolean | undefined {
  const raw = req.query.get(name);
  if (raw === null) return undefined;
  const v = raw.trim().toLowerCase();
  if (v === '' || ['1', 'true', 't', 'yes', 'y', 'on'].includes(v)) return true;
  if (['0', 'false', 'f', 'no', 'n', 'off'].includes(v)) return false;
  throw new BadRequest(`Invalid input for query parameters ${name}. Value: ${raw}. Unrecognized value '${raw}'`, { field: name });
}

function listInput(req: RestRequest): ListServersInput {
  const input: Record<string, unknown> = {};
  for (const f of STRING_FILTERS) {
    const v = req.query.get(f);
    if (v !== null) input[f] = v;
  }
  // `tenant_id` is Nova's older spelling of project_id.
  if (input.project_id === undefined && req.query.get('tenant_id') !== null) input.project_id = req.query.get('tenant_id');
  const statuses = req.query.getAll('status');
  if (statuses.length) input.status = statuses;
  const sortKeys = req.query.getAll('sort_key');
  if (sortKeys.length) input.sort_key = sortKeys;
  const sortDirs = req.query.getAll('sort_dir');
  if (sortDirs.length) input.sort_dir = sortDirs;
  const limit = req.query.get('limit');
  if (limit !== null) {
    if (!/^\d+$/.test(limit.trim())) throw new BadRequest(`Invalid input for query parameters limit. Value: ${limit}. '${limit}' does not match '^[0-9]*$'`, { field: 'limit' });
    input.limit = Number(limit);
  }
  const allTenants = boolQuery(req, 'all_tenants');
  if (allTenants !== undefined) input.all_tenants = allTenants;
  const deleted = boolQuery(req, 'deleted');
  if (deleted !== undefined) input.deleted = deleted;
  return input as ListServersInput;
}

/** `os:scheduler_hints` (or its old `OS-SCH-HNT:` spelling) beside `server` in the body. */
async function schedulerHints(req: RestRequest): Promise<SchedulerHints> {
  const body = await req.json<Record<string, unknown>>();
  const key = ['os:scheduler_hints', 'OS-SCH-HNT:scheduler_hints'].find((k) => body[k] !== undefined);
  if (!key) return {};
  const hints = body[key];
  if (hints === null || typeof hints !== 'object' || Array.isArray(hints)) {
    throw new BadRequest(`Invalid input for field/attribute ${key}. Value: ${JSON.stringify(hints)}. ${JSON.stringify(hints)} is not of type 'object'`, { field: key });
  }
  return hints as SchedulerHints;
}

/** Flavors of the servers shown, fetched once per response for the embedded flavor. */
async function viewContext(req: RestRequest, v: Microversion, servers: InstanceWithNode[]): Promise<(s: InstanceWithNode) => ServerViewContext> {
  const ids = [...new Set(servers.map((s) => s.flavorId))];
  const flavors = new Map((await req.ctx.db.flavor.findMany({ where: { id: { in: ids } } })).map((f) => [f.id, f]));
  const extended = new Map<string, boolean>();
  return (s) => {
    if (!extended.has(s.projectId)) extended.set(s.projectId, seesExtended(req.ctx, s.projectId));
    return { baseUrl: req.baseUrl, version: v, extended: extended.get(s.projectId) ?? false, flavors };
  };
}

/** One server as show and update answer it: with its server group (2.71), which lists leave out as Nova does. */
export async function fullView(req: RestRequest, v: Microversion, s: InstanceWithNode) {
  const ctxFor = await viewContext(req, v, [s]);
  const membership = v.atLeast('2.71') ? await req.ctx.db.serverGroupMember.findUnique({ where: { instanceId: s.id }, select: { groupId: true } }) : null;
  return serverView(s, { ...ctxFor(s), serverGroups: membership ? [membership.groupId] : [] });
}

function nextLink(req: RestRequest, nextMarker: string | null) {
  if (!nextMarker) return {};
  const q = new URLSearchParams(req.query);
  q.set('marker', nextMarker);
  return { servers_links: [{ rel: 'next', href: `${req.baseUrl}${req.path}?${q}` }] };
}

export const serverCrudRoutes: RouteDef[] = [
  {
    method: 'POST',
    path: '/v2.1/servers',
    handler: route(async (req) => {
      const body = await bodyMember(req, 'server');
      const created = await createServers(req.ctx, body as Parameters<typeof createServers>[1], await schedulerHints(req));
      if (body.return_reservation_id === true || body.return_reservation_id === 'true' || body.return_reservation_id === 'True') {
        return { status: 202, body: { reservation_id: created.reservationId } };
      }
      const first = created.instances[0];
      if (!first) throw new Error('createServers returned no instance');
      return {
        status: 202,
        headers: { Location: `${req.baseUrl}/v2.1/servers/${first.id}` },
        body: {
          server: {
            id: first.id,
            links: links(req.baseUrl, `servers/${first.id}`),
            'OS-DCF:diskConfig': 'MANUAL',
            security_groups: created.securityGroups.map((name) => ({ name })),
            adminPass: created.adminPass,
          },
        },
      };
    }),
  },
  {
    method: 'GET',
    path: '/v2.1/servers',
    handler: route(async (req) => {
      const page = await listServers(req.ctx, listInput(req));
      return { status: 200, body: { servers: page.items.map((s) => serverSummary(s, req.baseUrl)), ...nextLink(req, page.nextMarker) } };
    }),
  },
  {
    method: 'GET',
    path: '/v2.1/servers/detail',
    handler: route(async (req, v) => {
      const page = await listServers(req.ctx, listInput(req));
      const ctxFor = await viewContext(req, v, page.items);
      return { status: 200, body: { servers: page.items.map((s) => serverView(s, ctxFor(s))), ...nextLink(req, page.nextMarker) } };
    }),
  },
  {
    method: 'GET',
    path: '/v2.1/servers/:server_id',
    handler: route(async (req, v) => ({ status: 200, body: { server: await fullView(req, v, await getServer(req.ctx, param(req, 'server_id'))) } })),
  },
  {
    method: 'PUT',
    path: '/v2.1/servers/:server_id',
    handler: route(async (req, v) => {
      const body = await bodyMember(req, 'server');
      if (body.description !== undefined && !v.atLeast('2.19')) {
        throw new BadRequest("Invalid input for field/attribute server. Additional properties are not allowed ('description' was unexpected)", { field: 'server.description' });
      }
      const server = await updateServer(req.ctx, param(req, 'server_id'), body);
      return { status: 200, body: { server: await fullView(req, v, server) } };
    }),
  },
  {
    method: 'DELETE',
    path: '/v2.1/servers/:server_id',
    handler: route(async (req) => {
      await deleteServer(req.ctx, param(req, 'server_id'));
      return { status: 204 };
    }),
  },
  {
    method: 'GET',
    path: '/v2.1/servers/:server_id/metadata',
    handler: route(async (req) => ({ status: 200, body: { metadata: await getServerMetadata(req.ctx, param(req, 'server_id')) } })),
  },
  {
    method: 'POST',
    path: '/v2.1/servers/:server_id/metadata',
    handler: route(async (req) => ({ status: 200, body: { metadata: await setServerMetadata(req.ctx, param(req, 'server_id'), await bodyMember(req, 'metadata'), false) } })),
  },
  {
    method: 'PUT',
    path: '/v2.1/servers/:server_id/metadata',
    handler: route(async (req) => ({ status: 200, body: { metadata: await setServerMetadata(req.ctx, param(req, 'server_id'), await bodyMember(req, 'metadata'), true) } })),
  },
  {
    method: 'GET',
    path: '/v2.1/servers/:server_id/metadata/:key',
    handler: route(async (req) => {
      const key = param(req, 'key');
      return { status: 200, body: { meta: { [key]: await getServerMetadataItem(req.ctx, param(req, 'server_id'), key) } } };
    }),
  },
  {
    method: 'PUT',
    path: '/v2.1/servers/:server_id/metadata/:key',
    handler: route(async (req) => {
      const key = param(req, 'key');
      const meta = await bodyMember(req, 'meta');
      const keys = Object.keys(meta);
      if (keys.length > 1) throw new BadRequest('Request body contains too many items', { field: 'meta' });
      if (keys[0] !== key) throw new BadRequest('Request body and URI mismatch', { field: 'meta' });
      await setServerMetadata(req.ctx, param(req, 'server_id'), meta, false);
      return { status: 200, body: { meta } };
    }),
  },
  {
    method: 'DELETE',
    path: '/v2.1/servers/:server_id/metadata/:key',
    handler: route(async (req) => {
      await deleteServerMetadataItem(req.ctx, param(req, 'server_id'), param(req, 'key'));
      return { status: 204 };
    }),
  },
];
