import { BadRequest } from '@nimbus/shared';
import {
  createServerImage,
  getConsoleOutput,
  rebootServer,
  resizeServer,
  simpleServerAction,
  type SimpleAction,
} from '@nimbus/core/compute/servers/index';
import { getInstanceAction, listInstanceActions } from '@nimbus/core/compute/servers/instance-actions';
import { findServer } from '@nimbus/core/compute/servers/common';
import { seesExtended } from '@nimbus/core/compute/servers/list';
import type { RestRequest, RestResponse, RouteDef } from '../../router';
import type { Microversion } from '../microversion';
import { serialConsoleAction } from '../remote-consoles';
import { param, route } from './http';
import { instanceActionEventView, instanceActionView, showsEvents } from './views';

/** Body key → simple action (no arguments) and the status Nova answers it with. */
const SIMPLE: Record<string, { action: SimpleAction; status: number }> = {
  'os-start': { action: 'start', status: 202 },
  'os-stop': { action: 'stop', status: 202 },
  pause: { action: 'pause', status: 202 },
  unpause: { action: 'unpause', status: 202 },
  suspend: { action: 'suspend', status: 202 },
  resume: { action: 'resume', status: 202 },
  confirmResize: { action: 'confirmResize', status: 204 },
  revertResize: { action: 'revertResize', status: 202 },
};

type ActionHandler = (req: RestRequest, v: Microversion, id: string, arg: unknown) => Promise<RestResponse>;

const WITH_ARGS: Record<string, ActionHandler> = {
  reboot: async (req, _v, id, arg) => {
    await rebootServer(req.ctx, id, arg);
    return { status: 202 };
  },
  resize: async (req, _v, id, arg) => {
    await resizeServer(req.ctx, id, arg);
    return { status: 202 };
  },
  createImage: async (req, v, id, arg) => {
    const imageId = await createServerImage(req.ctx, id, arg);
    // 2.45 moved the image id from the Location header into the body.
    if (v.atLeast('2.45')) return { status: 202, body: { image_id: imageId } };
    // Nova points at the image in Glance.
    const glance = `${req.baseUrl.replace(/\/compute$/, '')}/image/v2/images/${imageId}`;
    return { status: 202, headers: { Location: glance } };
  },
  'os-getConsoleOutput': async (req, _v, id, arg) => ({ status: 200, body: { output: await getConsoleOutput(req.ctx, id, arg) } }),
  'os-getSerialConsole': serialConsoleAction,
};

/** `POST /servers/{id}/action`: one key naming the action, its value the arguments. */
async function serverAction(req: RestRequest, v: Microversion): Promise<RestResponse> {
  const id = param(req, 'server_id');
  const body = await req.json();
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new BadRequest('Malformed request body', { field: 'body' });
  const keys = Object.keys(body);
  const name = keys.find((k) => k in SIMPLE || k in WITH_ARGS);
  if (!name) throw new BadRequest(`There is no such action: ${keys[0] ?? ''}`, { field: keys[0] ?? 'body' });
  const simple = SIMPLE[name];
  if (simple) {
    await simpleServerAction(req.ctx, id, simple.action);
    return { status: simple.status };
  }
  const handler = WITH_ARGS[name] as ActionHandler;
  return handler(req, v, id, (body as Record<string, unknown>)[name]);
}

export const serverActionRoutes: RouteDef[] = [
  { method: 'POST', path: '/v2.1/servers/:server_id/action', handler: route(serverAction) },
  {
    method: 'GET',
    path: '/v2.1/servers/:server_id/os-instance-actions',
    handler: route(async (req, v) => {
      const paging: { limit?: number; marker?: string } = {};
      if (v.atLeast('2.58')) {
        const limit = req.query.get('limit');
        if (limit !== null) {
          if (!/^\d+$/.test(limit)) throw new BadRequest(`Invalid input for query parameters limit. Value: ${limit}.`, { field: 'limit' });
          paging.limit = Math.min(Number(limit), 1000);
        }
        const marker = req.query.get('marker');
        if (marker) paging.marker = marker;
      }
      const actions = await listInstanceActions(req.ctx, param(req, 'server_id'), paging);
      return { status: 200, body: { instanceActions: actions.map((a) => instanceActionView(a, v)) } };
    }),
  },
  {
    method: 'GET',
    path: '/v2.1/servers/:server_id/os-instance-actions/:request_id',
    handler: route(async (req, v) => {
      const id = param(req, 'server_id');
      const action = await getInstanceAction(req.ctx, id, param(req, 'request_id'));
      const server = await findServer(req.ctx, id, 'compute:instance_actions:show', { includeDeleted: true });
      const extended = seesExtended(req.ctx, server.projectId);
      return {
        status: 200,
        body: {
          instanceAction: {
            ...instanceActionView(action, v),
            ...(showsEvents(v, extended) ? { events: action.events.map((e) => instanceActionEventView(e, server.projectId, v, extended)) } : {}),
          },
        },
      };
    }),
  },
];
