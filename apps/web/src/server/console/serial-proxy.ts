import { STATUS_CODES, type IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { consumeConsoleToken, type ConsoleTokenRecord } from '@nimbus/core/compute/consoles/tokens';
import { serialConsoleRefusal } from '@nimbus/core/compute/consoles/state';
import type { Runtime } from '../runtime';

export const SERIAL_CONSOLE_PATH = '/console/serial';

/** How long the node's serial port may take to accept before the browser is told 502. */
const CONNECT_TIMEOUT_MS = 5_000;
/** Bytes queued towards the browser beyond which the guest's port is no longer read. */
const BUFFER_HIGH_BYTES = 1024 * 1024;
/** Pings find browsers that vanished without closing (laptop lid shut), so their TCP side is freed. */
const PING_INTERVAL_MS = 30_000;

class Refusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** An HTTP answer on the raw socket: the upgrade never happened, so no WebSocket close frame. */
function refuse(socket: Duplex, status: number, message: string): void {
  const body = `${message}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/** Browsers always send Origin; a page of another site must not be able to ride a leaked token. */
function sameOrigin(req: IncomingMessage, publicUrl: string): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  try {
    const host = new URL(origin).host;
    return host === req.headers.host || host === new URL(publicUrl).host;
  } catch {
    return false;
  }
}

function connectTcp(host: string, port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const tcp = connect({ host, port });
    const timer = setTimeout(() => tcp.destroy(new Error(`no answer from ${host}:${port} within ${CONNECT_TIMEOUT_MS} ms`)), CONNECT_TIMEOUT_MS);
    tcp.once('connect', () => {
      clearTimeout(timer);
      tcp.off('error', reject);
      resolve(tcp);
    });
    tcp.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

/**
 * nova-serialproxy: `GET /console/serial?token=...` upgrades to a WebSocket joined to the guest's
 * serial port on its node (raw TCP). The token is consumed before the upgrade — unknown, used or
 * expired answers 401 — and the instance must still exist and be ACTIVE. Bytes are relayed as
 * they come in both directions: binary frames to the browser; whatever the browser sends (text as
 * it types, or binary) goes to the port as bytes.
 *
 * Returns an `upgrade` listener that leaves every other path alone: Next's own listener answers
 * those (its HMR socket in dev) and ignores this one, which no page matches.
 */
export function serialConsoleUpgrade(rt: Runtime): (req: IncomingMessage, socket: Duplex, head: Buffer) => void {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const log = rt.log.child({ component: 'serial-proxy' });

  async function admit(req: IncomingMessage, url: URL): Promise<{ record: ConsoleTokenRecord; tcp: Socket }> {
    if (!sameOrigin(req, rt.config.publicUrl)) throw new Refusal(403, 'Cross-origin console connections are not allowed.');
    const record = await consumeConsoleToken(rt.redis, rt.config.REDIS_PREFIX, url.searchParams.get('token') ?? '');
    if (!record) throw new Refusal(401, 'The console token is invalid, expired or already used.');
    const instance = await rt.db.instance.findUnique({ where: { id: record.instanceId }, select: { id: true, vmState: true, taskState: true, deletedAt: true } });
    if (!instance || instance.deletedAt) throw new Refusal(404, `Instance ${record.instanceId} could not be found.`);
    const refusal = serialConsoleRefusal(instance);
    if (refusal) throw new Refusal(409, refusal);
    try {
      return { record, tcp: await connectTcp(record.host, record.port) };
    } catch (err) {
      log.warn({ err, instanceId: record.instanceId, host: record.host, port: record.port }, 'serial console port unreachable');
      throw new Refusal(502, 'The instance console could not be reached on its compute node.');
    }
  }

  function relay(ws: WebSocket, tcp: Socket, record: ConsoleTokenRecord): void {
    const started = Date.now();
    let toGuest = 0;
    let fromGuest = 0;
    let alive = true;
    const ping = setInterval(() => {
      if (!alive) return ws.terminate();
      alive = false;
      ws.ping();
    }, PING_INTERVAL_MS);
    ws.on('pong', () => {
      alive = true;
    });
    // A guest printing faster than the browser reads (or the reverse, a large paste) waits for the
    // slow side instead of piling up in this process's memory.
    tcp.on('data', (chunk) => {
      fromGuest += chunk.length;
      ws.send(chunk, { binary: true }, () => {
        if (tcp.isPaused() && ws.bufferedAmount < BUFFER_HIGH_BYTES / 2) tcp.resume();
      });
      if (ws.bufferedAmount > BUFFER_HIGH_BYTES) tcp.pause();
    });
    ws.on('message', (data: Buffer) => {
      toGuest += data.length;
      if (!tcp.write(data)) ws.pause();
    });
    tcp.on('drain', () => ws.resume());
    let ended = false;
    const end = (reason: string) => {
      if (ended) return;
      ended = true;
      clearInterval(ping);
      tcp.destroy();
      if (ws.readyState === ws.OPEN) ws.close(1000, reason);
      log.info(
        { instanceId: record.instanceId, userId: record.userId, user: record.userName, durationMs: Date.now() - started, bytesToGuest: toGuest, bytesFromGuest: fromGuest, reason },
        'serial console session',
      );
    };
    tcp.on('close', () => end('console closed'));
    tcp.on('error', (err) => log.warn({ err, instanceId: record.instanceId }, 'serial console port error'));
    ws.on('close', () => end('browser closed'));
    ws.on('error', (err) => log.warn({ err, instanceId: record.instanceId }, 'serial console websocket error'));
  }

  return (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://internal');
    if (url.pathname !== SERIAL_CONSOLE_PATH) return;
    // A browser that gives up while the token is checked must not crash the process.
    socket.on('error', () => undefined);
    admit(req, url).then(
      ({ record, tcp }) => {
        if (socket.destroyed) {
          tcp.destroy();
          return;
        }
        wss.handleUpgrade(req, socket, head, (ws) => relay(ws, tcp, record));
      },
      (err: unknown) => {
        if (err instanceof Refusal) return refuse(socket, err.status, err.message);
        log.error({ err }, 'serial console upgrade failed');
        refuse(socket, 500, 'The console could not be opened.');
      },
    );
  };
}
