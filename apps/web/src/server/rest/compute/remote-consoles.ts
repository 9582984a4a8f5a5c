import { NotFound } from '@nimbus/shared';
import { createRemoteConsole, getSerialConsoleAction, type ConsoleUrlOptions } from '@nimbus/core/compute/consoles/serial';
import { runtime } from '../../runtime';
import type { RestRequest, RestResponse, RouteDef } from '../router';
import type { Microversion } from './microversion';
import { param, route } from './servers/http';

function urlOptions(): ConsoleUrlOptions {
  const config = runtime().config;
  return { publicUrl: config.publicUrl, ttlSeconds: config.CONSOLE_TOKEN_TTL_S };
}

/**
 * The legacy `os-getSerialConsole` action, for the server action dispatcher: Nova has it up to
 * 2.5 and only `remote-consoles` from 2.6 on.
 */
export async function serialConsoleAction(req: RestRequest, v: Microversion, id: string, arg: unknown): Promise<RestResponse> {
  if (v.atLeast('2.6')) throw new NotFound('The resource could not be found.');
  return { status: 200, body: { console: await getSerialConsoleAction(req.ctx, id, arg, urlOptions()) } };
}

/** `POST /servers/{id}/remote-consoles` (2.6+): a one-time URL of the console proxy. */
export const remoteConsoleRoutes: RouteDef[] = [
  {
    method: 'POST',
    path: '/v2.1/servers/:server_id/remote-consoles',
    handler: route(
      async (req, v) => ({
        status: 200,
        body: { remote_console: await createRemoteConsole(req.ctx, param(req, 'server_id'), await req.json(), { ...urlOptions(), withMks: v.atLeast('2.8') }) },
      }),
      { min: '2.6' },
    ),
  },
];
