import { z } from 'zod';
import { BadRequest, Conflict, ServiceUnavailable } from '@nimbus/shared';
import { requireAuth, type RequestContext } from '../../identity/context.js';
import { nodeDriverView } from '../node-driver.js';
import { findServer, parseNova, type InstanceWithNode } from '../servers/common.js';
import { serialConsoleRefusal } from './state.js';
import { issueConsoleToken } from './tokens.js';

export const CONSOLE_RULE = 'os_compute_api:os-remote-consoles';

/** Where console URLs point and how long their tokens live (the web server's config). */
export interface ConsoleUrlOptions {
  /** The web server's public URL: the console proxy listens on the same host. */
  publicUrl: string;
  ttlSeconds: number;
}

export interface SerialConsoleUrl {
  url: string;
  expiresAt: Date;
}

const PROTOCOLS = ['vnc', 'spice', 'rdp', 'serial'] as const;
const TYPES = ['novnc', 'xvpvnc', 'rdp-html5', 'spice-html5', 'serial'] as const;

function oneOf(values: readonly string[]) {
  return z.enum(values as [string, ...string[]], { message: `is not one of ${values.map((v) => `'${v}'`).join(', ')}` });
}

/** Nova's remote-consoles body; `mks` / `webmks` exist from microversion 2.8. */
function zRemoteConsoleBody(withMks: boolean) {
  return z.object({
    remote_console: z.strictObject({
      protocol: oneOf(withMks ? [...PROTOCOLS, 'mks'] : PROTOCOLS),
      type: oneOf(withMks ? [...TYPES, 'webmks'] : TYPES),
    }),
  });
}

const ZSerialConsoleAction = z.object({ 'os-getSerialConsole': z.strictObject({ type: oneOf(['serial']) }) });

/**
 * The steps every surface shares once the server is found: ACTIVE (409 otherwise, as Nova's
 * invalid-state conflict), placed on a node whose driver has a serial console (400 "Unavailable
 * console type serial." otherwise — the fake driver has none), the node says where the console
 * listens, and a one-time token for that endpoint goes into Redis.
 */
async function serialConsoleUrl(ctx: RequestContext, server: InstanceWithNode, opts: ConsoleUrlOptions, typeField: string): Promise<SerialConsoleUrl> {
  const auth = requireAuth(ctx);
  const refusal = serialConsoleRefusal(server);
  if (refusal) throw new Conflict(refusal);
  const node = server.nodeId ? await ctx.db.computeNode.findUnique({ where: { id: server.nodeId }, select: { name: true, state: true, hypervisorType: true, driver: true } }) : null;
  if (!node) throw new Conflict(`Instance ${server.id} is not ready`);
  if (!nodeDriverView(node).serialConsole) throw new BadRequest('Unavailable console type serial.', { field: typeField });
  if (node.state === 'down') throw new ServiceUnavailable(`Compute node ${node.name} is down.`);
  const endpoint = await ctx.jobs.serialConsole(node.name, { instanceId: server.id, requestId: ctx.requestId });
  const { token, expiresAt } = await issueConsoleToken(
    ctx.redis,
    ctx.keyPrefix,
    { instanceId: server.id, projectId: server.projectId, userId: auth.userId, userName: auth.userName, host: endpoint.host, port: endpoint.port },
    opts.ttlSeconds,
  );
  const url = new URL('/console/serial', opts.publicUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.searchParams.set('token', token);
  ctx.log.info({ instanceId: server.id, node: node.name, expiresAt }, 'serial console token issued');
  return { url: url.toString(), expiresAt };
}

/** `POST /servers/{id}/remote-consoles` (2.6+). Only the serial console exists in nimbus. */
export async function createRemoteConsole(ctx: RequestContext, id: string, body: unknown, opts: ConsoleUrlOptions & { withMks: boolean }) {
  const input = parseNova(zRemoteConsoleBody(opts.withMks), body).remote_console;
  const server = await findServer(ctx, id, CONSOLE_RULE);
  // Nova's answers when a console kind is switched off, and for a serial protocol with another type.
  if (input.protocol !== 'serial') throw new BadRequest(`Unavailable console type ${input.type}.`, { field: 'remote_console.protocol' });
  if (input.type !== 'serial') throw new BadRequest(`Invalid console type ${input.type}`, { field: 'remote_console.type' });
  const { url } = await serialConsoleUrl(ctx, server, opts, 'remote_console.type');
  return { protocol: 'serial', type: 'serial', url };
}

/** The legacy `os-getSerialConsole` server action (microversions before 2.6). */
export async function getSerialConsoleAction(ctx: RequestContext, id: string, arg: unknown, opts: ConsoleUrlOptions) {
  parseNova(ZSerialConsoleAction, { 'os-getSerialConsole': arg });
  const server = await findServer(ctx, id, CONSOLE_RULE);
  const { url } = await serialConsoleUrl(ctx, server, opts, 'os-getSerialConsole.type');
  return { type: 'serial', url };
}

/** The web console's Console tab. */
export async function openSerialConsole(ctx: RequestContext, id: string, opts: ConsoleUrlOptions): Promise<SerialConsoleUrl> {
  const server = await findServer(ctx, id, CONSOLE_RULE);
  return serialConsoleUrl(ctx, server, opts, 'type');
}
