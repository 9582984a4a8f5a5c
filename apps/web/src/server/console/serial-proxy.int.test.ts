import { createHash, randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer, type Socket } from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import WebSocket from 'ws';
import { newId } from '@nimbus/shared';
import { JobName, nodeQueueName } from '@nimbus/shared/queues';
import { createCaller } from '../api/root';
import { createTRPCContext } from '../api/trpc';
import { startRestHarness, type RestHarness } from '../rest/test-harness';
import { csrfFor, SESSION_COOKIE } from '../session';
import { serialConsoleUpgrade } from './serial-proxy';

const run = promisify(execFile);

let h: RestHarness;
let proxy: HttpServer;
let proxyPort: number;
let guest: TcpServer;
let guestPort: number;
let nodeAgent: Worker;
let agentConn: Redis;
let demo: string;
let admin: string;
const guestSockets = new Set<Socket>();
/** What the proxy logged, one parsed JSON line each. */
const logged: Record<string, unknown>[] = [];
const QEMU_NODE = `qemu-${newId().slice(0, 6)}`;
const FAKE_NODE = `fake-${newId().slice(0, 6)}`;
const ids = { qemuNode: newId(), fakeNode: newId() };
const S = '/compute/v2.1/servers';
const MV = { 'OpenStack-API-Version': 'compute 2.79' };

function driverInfo(fake: boolean) {
  return fake
    ? { name: 'fake', fake: true, hypervisorType: 'fake', hypervisorVersion: 1000, capabilities: { supportsSerialConsole: false } }
    : { name: 'qemu', fake: false, hypervisorType: 'QEMU', hypervisorVersion: 7002000, capabilities: { supportsSerialConsole: true, accelKvm: false } };
}

async function server(project: 'demo' | 'admin', nodeId = ids.qemuNode, vmState = 'active'): Promise<string> {
  const id = newId();
  await h.database.db.instance.create({
    data: {
      id,
      name: `vm-${id.slice(0, 4)}`,
      projectId: h.seeded.projects[project] as string,
      userId: h.seeded.users[project] as string,
      flavorId: '42',
      vcpus: 1,
      memoryMb: 128,
      rootGb: 1,
      reservationId: `r-${id}`,
      nodeId,
      vmState,
      powerState: vmState === 'active' ? 1 : 4,
      attempts: 1,
    },
  });
  return id;
}

const remoteConsole = (token: string, id: string, body: unknown = { remote_console: { protocol: 'serial', type: 'serial' } }) =>
  h.call('POST', `${S}/${id}/remote-consoles`, { token, headers: MV, body });

/** The console URL's path and query, against the proxy under test (the harness has no upgrade hook). */
function viaProxy(url: string): string {
  const u = new URL(url);
  expect(`${u.protocol}//${u.host}`).toBe(h.url.replace(/^http/, 'ws'));
  expect(u.pathname).toBe('/console/serial');
  return `ws://127.0.0.1:${proxyPort}${u.pathname}${u.search}`;
}

async function consoleUrl(id: string): Promise<string> {
  const res = await remoteConsole(demo, id);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return viaProxy(res.body.remote_console.url);
}

interface Opened {
  ws: WebSocket;
  /** The next frame, in arrival order (frames may come in the same chunk as the upgrade answer). */
  next(): Promise<{ data: Buffer; binary: boolean }>;
}

/** Opens the WebSocket; resolves with it once open, or with the HTTP status that refused the upgrade. */
function open(url: string, headers: Record<string, string> = {}): Promise<Opened | { status: number }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    const frames: { data: Buffer; binary: boolean }[] = [];
    const waiting: ((f: { data: Buffer; binary: boolean }) => void)[] = [];
    ws.on('message', (data: Buffer, binary) => {
      const waiter = waiting.shift();
      if (waiter) waiter({ data, binary });
      else frames.push({ data, binary });
    });
    const next = () => {
      const frame = frames.shift();
      return frame ? Promise.resolve(frame) : new Promise<{ data: Buffer; binary: boolean }>((r) => waiting.push(r));
    };
    ws.once('open', () => resolve({ ws, next }));
    ws.once('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode ?? 0 });
      ws.terminate();
    });
    ws.once('error', reject);
  });
}

async function connected(url: string): Promise<Opened> {
  const opened = await open(url);
  if (!('ws' in opened)) throw new Error(`refused with ${opened.status}`);
  return opened;
}

beforeAll(async () => {
  h = await startRestHarness();
  // The node's serial port: greets with a prompt, then echoes every byte back as a tty does.
  guest = createTcpServer((sock) => {
    guestSockets.add(sock);
    sock.on('close', () => guestSockets.delete(sock));
    sock.write('/ # ');
    sock.pipe(sock);
  });
  await new Promise<void>((resolve) => guest.listen(0, '127.0.0.1', resolve));
  guestPort = (guest.address() as AddressInfo).port;
  proxy = createHttpServer((_req, res) => res.writeHead(404).end());
  const log = pino({ level: 'info' }, { write: (line: string) => void logged.push(JSON.parse(line) as Record<string, unknown>) });
  proxy.on('upgrade', serialConsoleUpgrade({ ...h.rt, log }));
  // Stands in for Next's own upgrade listener, which server.ts leaves in place for every other path.
  proxy.on('upgrade', (req, socket) => {
    if (!req.url?.startsWith('/console/serial')) socket.end('HTTP/1.1 426 Upgrade Required\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyPort = (proxy.address() as AddressInfo).port;
  // The node agent's serial-console answer (the real agent asks its driver; this one knows the port).
  agentConn = new Redis(h.rt.config.REDIS_URL, { maxRetriesPerRequest: null });
  nodeAgent = new Worker(
    nodeQueueName(QEMU_NODE),
    async (job) => {
      if (job.name !== JobName.SerialConsole) throw new Error(`unexpected job ${job.name}`);
      return { host: '127.0.0.1', port: guestPort };
    },
    { connection: agentConn, prefix: h.rt.config.REDIS_PREFIX },
  );
  const node = { roles: ['compute'], vcpus: 2, memoryMb: 4096, localGb: 20, state: 'up', availabilityZone: 'nova' };
  await h.database.db.computeNode.createMany({
    data: [
      { id: ids.qemuNode, name: QEMU_NODE, hypervisorType: 'QEMU', hypervisorVersion: 7002000, driver: driverInfo(false), ...node },
      { id: ids.fakeNode, name: FAKE_NODE, hypervisorType: 'fake', driver: driverInfo(true), ...node },
    ],
  });
  demo = await h.login('demo', 'demo');
  admin = await h.login('admin', 'admin');
});

afterAll(async () => {
  await nodeAgent?.close();
  await agentConn?.quit();
  for (const s of guestSockets) s.destroy();
  await new Promise((resolve) => guest?.close(resolve));
  proxy?.closeAllConnections();
  await new Promise((resolve) => proxy?.close(resolve));
  await h?.rt.jobs.close();
  await h?.close();
});

describe('POST /servers/{id}/remote-consoles', () => {
  it("issues a one-time ws:// URL of the public host, its token hashed in Redis with the configured TTL", async () => {
    const id = await server('demo');
    const res = await remoteConsole(demo, id);
    expect(res.status).toBe(200);
    expect(res.body.remote_console).toEqual({ protocol: 'serial', type: 'serial', url: expect.stringMatching(/^ws:\/\/127\.0\.0\.1:\d+\/console\/serial\?token=[\w-]{43}$/) });
    const token = new URL(res.body.remote_console.url).searchParams.get('token') as string;
    const key = `${h.rt.config.REDIS_PREFIX}:console-token:${createHash('sha256').update(token).digest('hex')}`;
    const ttl = await h.rt.redis.ttl(key);
    expect(ttl).toBeGreaterThan(h.rt.config.CONSOLE_TOKEN_TTL_S - 10);
    expect(ttl).toBeLessThanOrEqual(h.rt.config.CONSOLE_TOKEN_TTL_S);
    expect(JSON.parse((await h.rt.redis.get(key)) as string)).toMatchObject({ instanceId: id, projectId: h.seeded.projects.demo, host: '127.0.0.1', port: guestPort });
  });

  it('answers 404 for another project\'s server, and issues nothing', async () => {
    const theirs = await server('admin');
    const before = await h.rt.redis.keys(`${h.rt.config.REDIS_PREFIX}:console-token:*`);
    const res = await remoteConsole(demo, theirs);
    expect(res.status).toBe(404);
    expect(res.body.itemNotFound.message).toBe(`Instance ${theirs} could not be found.`);
    expect(await h.rt.redis.keys(`${h.rt.config.REDIS_PREFIX}:console-token:*`)).toHaveLength(before.length);
  });

  it('answers 400 "Unavailable console type serial." for a server on the fake driver', async () => {
    const res = await remoteConsole(demo, await server('demo', ids.fakeNode));
    expect(res.status).toBe(400);
    expect(res.body.badRequest.message).toBe('Unavailable console type serial.');
  });

  it('answers 409 for a server that is not ACTIVE', async () => {
    const id = await server('demo', ids.qemuNode, 'stopped');
    const res = await remoteConsole(demo, id);
    expect(res.status).toBe(409);
    expect(res.body.conflictingRequest.message).toBe(`Cannot 'get_serial_console' instance ${id} while it is in vm_state stopped`);
  });

  it.each<[string, unknown, RegExp]>([
    ['an unknown protocol', { remote_console: { protocol: 'telnet', type: 'serial' } }, /remote_console\.protocol\. is not one of 'vnc', 'spice', 'rdp', 'serial'/],
    ['an unknown type', { remote_console: { protocol: 'serial', type: 'ssh' } }, /remote_console\.type\. is not one of/],
    ['a protocol nimbus does not serve', { remote_console: { protocol: 'vnc', type: 'novnc' } }, /^Unavailable console type novnc\.$/],
    ['a serial protocol with another type', { remote_console: { protocol: 'serial', type: 'novnc' } }, /^Invalid console type novnc$/],
    ['a missing body', {}, /'remote_console' is a required property/],
  ])('refuses %s with 400', async (_what, body, message) => {
    const res = await remoteConsole(demo, await server('demo'), body);
    expect(res.status).toBe(400);
    expect(res.body.badRequest.message).toMatch(message);
  });

  it('does not exist before 2.6, where the legacy action answers instead', async () => {
    const id = await server('demo');
    expect((await h.call('POST', `${S}/${id}/remote-consoles`, { token: demo, body: { remote_console: { protocol: 'serial', type: 'serial' } } })).status).toBe(404);
    const legacy = await h.call('POST', `${S}/${id}/action`, { token: demo, body: { 'os-getSerialConsole': { type: 'serial' } } });
    expect(legacy.status).toBe(200);
    expect(legacy.body.console).toEqual({ type: 'serial', url: expect.stringMatching(/\/console\/serial\?token=/) });
    const bad = await h.call('POST', `${S}/${id}/action`, { token: demo, body: { 'os-getSerialConsole': { type: 'novnc' } } });
    expect(bad.status).toBe(400);
    expect(bad.body.badRequest.message).toContain('os-getSerialConsole.type');
    expect((await h.call('POST', `${S}/${id}/action`, { token: demo, headers: MV, body: { 'os-getSerialConsole': { type: 'serial' } } })).status).toBe(404);
  });

  it('works with `openstack console url show --serial`', async () => {
    const id = await server('demo');
    const env = {
      OS_AUTH_URL: `${h.url}/identity`,
      OS_IDENTITY_API_VERSION: '3',
      OS_USERNAME: 'demo',
      OS_PASSWORD: 'demo',
      OS_PROJECT_NAME: 'demo',
      OS_USER_DOMAIN_ID: 'default',
      OS_PROJECT_DOMAIN_ID: 'default',
      OS_REGION_NAME: 'RegionOne',
      OS_INTERFACE: 'public',
    };
    const { stdout } = await run('openstack', ['console', 'url', 'show', '--serial', id, '-f', 'json'], { env: { ...process.env, ...env }, timeout: 60_000 });
    const shown = JSON.parse(stdout) as Record<string, string>;
    expect(shown).toMatchObject({ type: 'serial' });
    (await connected(viaProxy(shown.url as string))).ws.close();
  });
});

describe('the serial console proxy', () => {
  it('relays bytes both ways: binary frames out, typed text in', async () => {
    const id = await server('demo');
    const { ws, next } = await connected(await consoleUrl(id));
    expect(await next()).toEqual({ data: Buffer.from('/ # '), binary: true });
    ws.send('echo hello\n');
    expect((await next()).data.toString()).toBe('echo hello\n');
    ws.send(Buffer.from([0x03, 0xff]));
    expect([...(await next()).data]).toEqual([0x03, 0xff]);
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.close();
    expect(await closed).toBe(1005);
    await expect.poll(() => guestSockets.size).toBe(0);
    const sessions = logged.filter((l) => l.msg === 'serial console session' && l.instanceId === id);
    expect(sessions).toEqual([
      expect.objectContaining({ user: 'demo', userId: h.seeded.users.demo, bytesToGuest: 13, bytesFromGuest: 4 + 13, durationMs: expect.any(Number), reason: 'browser closed' }),
    ]);
  });

  it('relays a burst larger than its buffers intact, in order', async () => {
    const { ws, next } = await connected(await consoleUrl(await server('demo')));
    await next();
    const burst = randomBytes(4 * 1024 * 1024);
    for (let at = 0; at < burst.length; at += 60 * 1024) ws.send(burst.subarray(at, at + 60 * 1024));
    const got: Buffer[] = [];
    for (let n = 0; n < burst.length; n += got.at(-1)?.length ?? 0) got.push((await next()).data);
    expect(Buffer.concat(got).equals(burst)).toBe(true);
    ws.close();
  });

  it('closes the browser side when the console port closes', async () => {
    const { ws, next } = await connected(await consoleUrl(await server('demo')));
    await next();
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    for (const s of guestSockets) s.end();
    expect(await closed).toBe(1000);
  });

  it('refuses a used token with 401', async () => {
    const url = await consoleUrl(await server('demo'));
    const first = await open(url);
    if ('ws' in first) first.ws.close();
    expect(await open(url)).toEqual({ status: 401 });
  });

  it('refuses an expired or unknown token with 401', async () => {
    const url = await consoleUrl(await server('demo'));
    const token = new URL(url).searchParams.get('token') as string;
    await h.rt.redis.pexpire(`${h.rt.config.REDIS_PREFIX}:console-token:${createHash('sha256').update(token).digest('hex')}`, 1);
    await new Promise((r) => setTimeout(r, 20));
    expect(await open(url)).toEqual({ status: 401 });
    expect(await open(`ws://127.0.0.1:${proxyPort}/console/serial?token=forged`)).toEqual({ status: 401 });
    expect(await open(`ws://127.0.0.1:${proxyPort}/console/serial`)).toEqual({ status: 401 });
  });

  it('refuses a server stopped or deleted since the token was issued (409 / 404), consuming the token', async () => {
    const stopped = await server('demo');
    const url = await consoleUrl(stopped);
    await h.database.db.instance.update({ where: { id: stopped }, data: { vmState: 'stopped' } });
    expect(await open(url)).toEqual({ status: 409 });
    await h.database.db.instance.update({ where: { id: stopped }, data: { vmState: 'active' } });
    expect(await open(url)).toEqual({ status: 401 });
    const deleted = await server('demo');
    const url2 = await consoleUrl(deleted);
    await h.database.db.instance.update({ where: { id: deleted }, data: { vmState: 'deleted', deletedAt: new Date() } });
    expect(await open(url2)).toEqual({ status: 404 });
  });

  it("refuses a page of another site (Origin) with 403", async () => {
    expect(await open(await consoleUrl(await server('demo')), { Origin: 'http://evil.example' })).toEqual({ status: 403 });
    const opened = await open(await consoleUrl(await server('demo')), { Origin: `http://127.0.0.1:${proxyPort}` });
    if (!('ws' in opened)) throw new Error(`refused with ${opened.status}`);
    opened.ws.close();
  });

  it('answers 502 when nothing listens on the console port', async () => {
    const id = await server('demo');
    const url = await consoleUrl(id);
    const token = new URL(url).searchParams.get('token') as string;
    const key = `${h.rt.config.REDIS_PREFIX}:console-token:${createHash('sha256').update(token).digest('hex')}`;
    const record = JSON.parse((await h.rt.redis.get(key)) as string);
    const closedPort = await new Promise<number>((resolve) => {
      const s = createTcpServer().listen(0, '127.0.0.1', () => {
        const port = (s.address() as AddressInfo).port;
        s.close(() => resolve(port));
      });
    });
    await h.rt.redis.set(key, JSON.stringify({ ...record, port: closedPort }), 'KEEPTTL');
    expect(await open(url)).toEqual({ status: 502 });
  });

  it('leaves other upgrade paths to the next listener', async () => {
    expect(await open(`ws://127.0.0.1:${proxyPort}/_next/webpack-hmr`)).toEqual({ status: 426 });
  });
});

async function callerFor(token: string) {
  const headers = new Headers({ cookie: `${SESSION_COOKIE}=${encodeURIComponent(token)}`, 'x-csrf-token': csrfFor(token) });
  return createCaller(await createTRPCContext({ headers }));
}

describe('the web console', () => {
  it('compute.serialConsole gives a URL the proxy accepts once, and is audited', async () => {
    const id = await server('demo');
    const { url, expiresAt } = await (await callerFor(demo)).compute.serialConsole({ id });
    expect(expiresAt.getTime()).toBeGreaterThan(Date.now() + (h.rt.config.CONSOLE_TOKEN_TTL_S - 10) * 1000);
    const { ws, next } = await connected(viaProxy(url));
    expect((await next()).data.toString()).toBe('/ # ');
    ws.close();
    const events = await (await callerFor(admin)).admin.auditEvents({ action: 'serialConsole' });
    expect(events.items).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'console:compute.serialConsole', outcome: 'success', targetId: id, userName: 'demo' })]));
  });

  it('compute.serialConsole refuses the fake driver and another project\'s server as the API does', async () => {
    const caller = await callerFor(demo);
    await expect(caller.compute.serialConsole({ id: await server('demo', ids.fakeNode) })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'Unavailable console type serial.' });
    await expect(caller.compute.serialConsole({ id: await server('admin') })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it("the instance page learns its node's driver; acceleration only for admins", async () => {
    const id = await server('demo');
    const asDemo = await (await callerFor(demo)).compute.servers.get({ id });
    expect(asDemo.hypervisor).toEqual({ name: 'qemu', fake: false, accel: null, serialConsole: true });
    expect(asDemo.can.serialConsole).toBe(true);
    expect((await (await callerFor(admin)).compute.servers.get({ id })).hypervisor).toMatchObject({ accel: 'TCG' });
    const fake = await (await callerFor(demo)).compute.servers.get({ id: await server('demo', ids.fakeNode) });
    expect(fake.hypervisor).toMatchObject({ fake: true, serialConsole: false });
  });

  it('Hypervisors and os-hypervisors show what the driver reported', async () => {
    const list = await (await callerFor(admin)).compute.hypervisors.list();
    expect(list.items.find((n) => n.name === QEMU_NODE)).toMatchObject({ hypervisorType: 'QEMU', hypervisorVersion: 7002000, driver: { fake: false, accel: 'TCG' } });
    expect(list.items.find((n) => n.name === FAKE_NODE)).toMatchObject({ hypervisorType: 'fake', driver: { fake: true, accel: null } });
    const detail = await h.call('GET', '/compute/v2.1/os-hypervisors/detail', { token: admin, headers: MV });
    expect(detail.body.hypervisors.find((n: { hypervisor_hostname: string }) => n.hypervisor_hostname === QEMU_NODE)).toMatchObject({ hypervisor_type: 'QEMU', hypervisor_version: 7002000 });
  });
});
