import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { newId } from '@nimbus/shared';
import { startRestHarness, type RestHarness } from '../../../web/src/server/rest/test-harness';

/** The agent process itself (main.ts): a network node builds its driver, syncs at start and on every change. */
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const NODE = 'net-agent';
let h: RestHarness;
let dataDir: string;
let agent: ChildProcess;
let out = '';

beforeAll(async () => {
  h = await startRestHarness();
  dataDir = await mkdtemp(join(tmpdir(), 'nimbus-net-agent-'));
  // Registered up front: in the stack the worker does it from the first heartbeat.
  await h.database.db.computeNode.create({
    data: { id: newId(), name: NODE, hypervisorType: 'fake', roles: ['network'], vcpus: 1, memoryMb: 512, localGb: 1, hostIp: '127.0.0.1' },
  });
  agent = spawn(process.execPath, ['--import', 'tsx', 'apps/node-agent/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      REDIS_PREFIX: h.rt.config.REDIS_PREFIX,
      NODE_NAME: NODE,
      NODE_ROLES: 'network',
      NIMBUS_API_URL: h.url,
      NIMBUS_SERVICE_PASSWORD: 'service',
      NIMBUS_DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  agent.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  agent.stderr!.on('data', (d: Buffer) => (out += d.toString()));
});

afterAll(async () => {
  if (agent && agent.exitCode === null && agent.signalCode === null) {
    const exited = new Promise((resolve) => agent.once('exit', resolve));
    agent.kill('SIGTERM');
    await exited;
  }
  await h?.rt.jobs.close();
  await h?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** The agent's `network synced` log lines (pino JSON). */
const synced = () =>
  out
    .split('\n')
    .filter((l) => l.includes('"network synced"'))
    .map((l) => JSON.parse(l) as { generation: number; changes: string[] });

async function until(what: string, probe: () => boolean, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; agent output:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

it('syncs once at start, then converges on a network created through REST', async () => {
  await until('the first sync', () => synced().length > 0);
  expect(synced()[0]).toMatchObject({ changes: [] });
  expect(out).toContain('FAKE network driver');

  const demo = await h.login('demo', 'demo');
  const net = await h.call('POST', '/network/v2.0/networks', { token: demo, body: { network: { name: 'agent-net' } } });
  expect(net.status).toBe(201);
  const sub = await h.call('POST', '/network/v2.0/subnets', { token: demo, body: { subnet: { network_id: net.body.network.id, cidr: '10.40.0.0/24', ip_version: 4 } } });
  expect(sub.status).toBe(201);
  await until('the network on the node', () => synced().some((s) => s.changes.includes(`create network ${net.body.network.id}`)));
});
