import { spawn, type ChildProcess } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRestHarness, type RestHarness } from '../../web/src/server/rest/test-harness';
import { guestImagePath } from '../../node-agent/src/testing/guest-image';
import { startWorker } from './app.js';
import { parseWorkerEnv } from './settings.js';
import { until } from './test/cluster.js';

/**
 * Real guests through the whole path: the REST APIs (in process), the worker (in process) and a
 * real node-agent process with a real compute driver, booting the tiny-linux guest under qemu
 * (TCG). Boots cost CPU seconds here, so each guest is used for as much as it can show.
 */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** libvirtd is started here when it is not running; only a host where it cannot start skips the libvirt run. */
async function startLibvirt(): Promise<string | undefined> {
  const child = spawn('bash', ['scripts/libvirt.sh', 'start'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number | null>((r) => child.once('exit', r));
  return code === 0 ? undefined : `libvirtd could not start on this host: ${out.trim().split('\n').at(-1) ?? `exit ${code}`}`;
}
const libvirtUnavailable = await startLibvirt();
const S = '/compute/v2.1/servers';
const MV = { 'OpenStack-API-Version': 'compute 2.79' };
const BOOT_MS = 90_000;

let h: RestHarness;
let worker: Awaited<ReturnType<typeof startWorker>>;
let dataDir: string;
let admin: string;
let demo: string;
let imageId: string;
let key: { name: string; fingerprint: string };
const agents: ChildProcess[] = [];
const nodes = new Map<string, string>();
const booted = new Set<string>();

/** TCG without probing KVM, short power-off waits, serial ports apart from the drivers' own tests. */
const DRIVER_ENV = {
  QEMU_ACCEL: 'tcg',
  QEMU_SHUTDOWN_TIMEOUT_MS: '15000',
  QEMU_SERIAL_PORT_MIN: '10600',
  QEMU_SERIAL_PORT_MAX: '10699',
  LIBVIRT_VIRT_TYPE: 'qemu',
  LIBVIRT_SHUTDOWN_TIMEOUT_MS: '15000',
  LIBVIRT_SERIAL_PORT_MIN: '11600',
  LIBVIRT_SERIAL_PORT_MAX: '11699',
};

/** Each driver's node is alone in a zone of its own (`rg-<driver>`), so boots land where a test says. */
function agentEnv(node: string, driver: string): NodeJS.ProcessEnv {
  return { ...process.env, NIMBUS_DATA_DIR: dataDir, NODE_NAME: node, NODE_AZ: node, NODE_ROLES: 'compute', COMPUTE_DRIVER: driver };
}

/** A node-agent process on the harness's Redis prefix, reaching its REST APIs, with a real driver. */
function startAgent(node: string, driver: string): ChildProcess & { output: () => string } {
  let out = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/node-agent/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...agentEnv(node, driver),
      REDIS_PREFIX: h.rt.config.REDIS_PREFIX,
      NIMBUS_PUBLIC_URL: h.url,
      HEARTBEAT_INTERVAL_MS: '500',
      AGENT_JOB_LOCK_MS: '5000',
      ...DRIVER_ENV,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  agents.push(child);
  return Object.assign(child, { output: () => out });
}

async function stopAgent(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  await exited;
}

/** The qemu processes of an instance: both drivers name the guest after its id on qemu's command line. */
async function qemuPids(instanceId: string): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const argv = (await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '')).split('\0');
    if (/(^|\/)qemu-system-[^/]*$/.test(argv[0] ?? '') && argv.some((a) => a.includes(instanceId))) pids.push(Number(entry));
  }
  return pids;
}

/** Destroys whatever guests a node still has, through its driver (what `stack.sh stop --purge-guests` runs). */
async function purgeGuests(node: string, driver: string): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/node-agent/src/purge-guests.ts'], { cwd: ROOT, env: { ...agentEnv(node, driver), ...DRIVER_ENV, LOG_LEVEL: 'warn' }, stdio: 'inherit' });
  await new Promise((r) => child.once('exit', r));
}

/** Every path under `dir` (relative), for "nothing of it is left" checks. */
async function tree(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true }).catch(() => [] as string[]);
  return entries.map((e) => relative(dir, join(dir, e)));
}

async function server(id: string) {
  return h.call('GET', `${S}/${id}`, { token: admin, headers: MV });
}

async function waitStatus(id: string, status: string, ms = BOOT_MS) {
  let last = '';
  return until(
    async () => {
      const s = (await server(id)).body.server;
      last = `${s?.status} ${s?.['OS-EXT-STS:task_state']} ${JSON.stringify(s?.fault ?? '')}`;
      if (s?.status === 'ERROR' && status !== 'ERROR') throw new Error(`server ${id} is ERROR: ${last}`);
      return s?.status === status && s['OS-EXT-STS:task_state'] === null ? s : undefined;
    },
    ms,
    250,
  ).catch((err: Error) => {
    throw new Error(`server ${id} did not reach ${status} (last: ${last}): ${err.message}`);
  });
}

async function boot(name: string, zone: string): Promise<string> {
  const res = await h.call('POST', S, { token: demo, body: { server: { name, flavorRef: '42', imageRef: imageId, key_name: key.name, availability_zone: zone } } });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  booted.add(res.body.server.id);
  return res.body.server.id as string;
}

async function act(id: string, body: unknown): Promise<void> {
  const res = await h.call('POST', `${S}/${id}/action`, { token: demo, body });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
}

async function consoleOutput(id: string): Promise<string> {
  const res = await h.call('POST', `${S}/${id}/action`, { token: demo, body: { 'os-getConsoleOutput': {} } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.output as string;
}

/** Polls the console until every line is there (the guest prints them within seconds of boot). */
async function consoleShows(id: string, lines: string[], ms = 60_000): Promise<string> {
  let last = '';
  return until(
    async () => {
      last = await consoleOutput(id);
      const all = last.split(/\r?\n/).map((l) => l.trim());
      return lines.every((l) => all.includes(l)) ? last : undefined;
    },
    ms,
    500,
  ).catch(() => {
    throw new Error(`console of ${id} lacks ${JSON.stringify(lines)}; it shows:\n${last.slice(-2000)}`);
  });
}

async function deleteServer(id: string): Promise<void> {
  expect((await h.call('DELETE', `${S}/${id}`, { token: demo })).status).toBe(204);
  await until(async () => ((await server(id)).status === 404 ? true : undefined), BOOT_MS, 250);
  booted.delete(id);
}

beforeAll(async () => {
  const image = await guestImagePath();
  dataDir = await mkdtemp(join(tmpdir(), 'nimbus-rg-'));
  h = await startRestHarness({ NIMBUS_DATA_DIR: join(dataDir, 'controller') });
  const settings = parseWorkerEnv({ NODE_DOWN_AFTER_MS: '5000', PERIODIC_INTERVAL_MS: '500', TASK_TIMEOUT_MS: '180000' });
  worker = await startWorker({ db: h.rt.db, redisUrl: h.rt.config.REDIS_URL, prefix: h.rt.config.REDIS_PREFIX, settings, log: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }) });
  admin = await h.login('admin', 'admin');
  demo = await h.login('demo', 'demo');

  const created = await h.call('POST', '/image/v2/images', { token: demo, body: { name: 'tiny-linux', disk_format: 'qcow2', container_format: 'bare', min_ram: 128 } });
  imageId = created.body.id;
  const { size } = await stat(image);
  const up = await fetch(`${h.url}/image/v2/images/${imageId}/file`, {
    method: 'PUT',
    headers: { 'X-Auth-Token': demo, 'Content-Type': 'application/octet-stream', 'Content-Length': String(size) },
    body: Readable.toWeb(createReadStream(image)) as ReadableStream<Uint8Array>,
    duplex: 'half',
  } as RequestInit);
  expect(up.status).toBe(204);

  const kp = await h.call('POST', '/compute/v2.1/os-keypairs', { token: demo, body: { keypair: { name: 'rg-key' } } });
  key = { name: 'rg-key', fingerprint: kp.body.keypair.fingerprint };
}, 600_000);

afterAll(async () => {
  for (const a of agents) await stopAgent(a);
  // A failed test may leave guests: each node's driver destroys its own; any qemu still running is ended by pid.
  for (const [node, driver] of nodes) await purgeGuests(node, driver);
  for (const id of booted) for (const pid of await qemuPids(id)) process.kill(pid, 'SIGKILL');
  await worker?.close();
  await h?.rt.jobs.close();
  await h?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}, 60_000);

const DRIVERS = [
  { driver: 'qemu', skip: undefined },
  { driver: 'libvirt', skip: libvirtUnavailable },
];

describe.each(DRIVERS)('COMPUTE_DRIVER=$driver', ({ driver, skip }) => {
  const node = `rg-${driver}`;
  let agent: ReturnType<typeof startAgent>;

  if (skip) {
    it.skip(`skipped: ${skip}`, () => undefined);
    return;
  }

  beforeAll(async () => {
    nodes.set(node, driver);
    agent = startAgent(node, driver);
    await until(async () => {
      if (agent.exitCode !== null) throw new Error(`agent exited:\n${agent.output()}`);
      return (await h.rt.db.computeNode.findUnique({ where: { name: node } }))?.state === 'up' ? true : undefined;
    }, 60_000);
  }, 90_000);

  afterAll(async () => {
    await stopAgent(agent);
  });

  it('boots tiny-linux from Glance with its config drive, stops, starts, reboots and deletes without a trace', async () => {
    const id = await boot(`rg-guest-${driver}`, node);
    const active = await waitStatus(id, 'ACTIVE');
    expect(active).toMatchObject({ 'OS-EXT-SRV-ATTR:host': node, 'OS-EXT-STS:power_state': 1, key_name: key.name });
    const hostname = active['OS-EXT-SRV-ATTR:hostname'] as string;
    await consoleShows(id, ['NIMBUS_BOOT_OK', `hostname: ${hostname}`, `instance-id: ${id}`, `ssh-key: ${key.name} ${key.fingerprint}`]);
    expect(await qemuPids(id)).toHaveLength(1);

    await act(id, { 'os-stop': null });
    expect(await waitStatus(id, 'SHUTOFF')).toMatchObject({ 'OS-EXT-STS:power_state': 4 });
    expect(await qemuPids(id)).toEqual([]);

    await act(id, { 'os-start': null });
    expect(await waitStatus(id, 'ACTIVE')).toMatchObject({ 'OS-EXT-STS:power_state': 1 });
    expect(await qemuPids(id)).toHaveLength(1);
    const boots = (s: string) => s.split('\n').filter((l) => l.trim() === 'NIMBUS_BOOT_OK').length;
    await until(async () => (boots(await consoleOutput(id)) >= 2 ? true : undefined), 60_000, 500);

    await act(id, { reboot: { type: 'HARD' } });
    await waitStatus(id, 'ACTIVE');
    await until(async () => (boots(await consoleOutput(id)) >= 3 ? true : undefined), 60_000, 500);
    expect(await qemuPids(id)).toHaveLength(1);

    await deleteServer(id);
    expect(await qemuPids(id)).toEqual([]);
    const nodeDir = join(dataDir, 'nodes', node);
    expect((await tree(nodeDir)).filter((p) => p.includes(id))).toEqual([]);
    expect(await tree(join(dataDir, 'image-cache', node, '.pins'))).not.toContain(id);
  }, 300_000);

  // Adoption and power-state sync are the agent's and the worker's, the same for every driver: shown once.
  if (driver !== 'qemu') return;

  it('guests outlive a killed agent and are adopted by the next; one that dies behind its back turns SHUTOFF', async () => {
    const ids = [await boot('rg-adopt-1', node), await boot('rg-adopt-2', node)];
    for (const id of ids) await waitStatus(id, 'ACTIVE');
    for (const id of ids) await consoleShows(id, ['NIMBUS_BOOT_OK']);
    const before = await Promise.all(ids.map(qemuPids));
    expect(before.map((p) => p.length)).toEqual([1, 1]);

    await stopAgent(agent, 'SIGKILL');
    agent = startAgent(node, driver);
    // The new agent has heartbeated once its guests are known again (it registers after init).
    const started = new Date();
    await until(async () => {
      if (agent.exitCode !== null) throw new Error(`agent exited:\n${agent.output()}`);
      const n = await h.rt.db.computeNode.findUniqueOrThrow({ where: { name: node } });
      return n.lastSeenAt && n.lastSeenAt > started ? true : undefined;
    }, 60_000);
    expect(await Promise.all(ids.map(qemuPids))).toEqual(before);
    for (const id of ids) expect((await server(id)).body.server).toMatchObject({ status: 'ACTIVE', 'OS-EXT-STS:power_state': 1 });
    // The adopted guests answer the new agent: a step on one goes through.
    await act(ids[0]!, { reboot: { type: 'HARD' } });
    await waitStatus(ids[0]!, 'ACTIVE');
    expect(await Promise.all(ids.map(qemuPids))).toEqual(before);

    process.kill(before[1]![0]!, 'SIGKILL');
    const synced = await waitStatus(ids[1]!, 'SHUTOFF', 30_000);
    expect(synced).toMatchObject({ 'OS-EXT-STS:vm_state': 'stopped', 'OS-EXT-STS:power_state': 4 });
    const actions = await h.call('GET', `${S}/${ids[1]}/os-instance-actions`, { token: demo, headers: MV });
    expect(actions.body.instanceActions.map((a: { action: string }) => a.action)).toContain('stop');
    expect((await server(ids[0]!)).body.server.status).toBe('ACTIVE');

    for (const id of ids) await deleteServer(id);
    for (const id of ids) expect(await qemuPids(id)).toEqual([]);
  }, 300_000);
});
