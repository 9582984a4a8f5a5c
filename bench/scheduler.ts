/**
 * bench/scheduler — placements per second and request → ACTIVE latency through the real path:
 * instance rows created as the API does, `schedule` jobs on the scheduler queue, the worker
 * (scheduler + conductor, in this process), and ONE node-agent process serving N fake compute
 * nodes (FAKE_NODE_COUNT), each a queue of its own.
 *
 *   npx tsx bench/scheduler.ts [--requests 1000] [--nodes 100] [--spawn-ms 100]
 *
 * Uses a throw-away database (createTestDatabase) and a Redis prefix of its own, on DATABASE_URL
 * and REDIS_URL. Prints placements/s (first request → last claim), p50/p99 of request → ACTIVE
 * (instance createdAt → launchedAt, both database clock), and checks that no node is
 * over-committed (usage ≤ capacity × allocation ratio, and usage = the sum of its allocations).
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { createJobProducer } from '@nimbus/core/jobs/producer';
import { createTestDatabase } from '@nimbus/db/test-db';
import { startWorker } from '../apps/worker/src/app.js';
import { createRedis } from '../apps/worker/src/redis.js';
import { parseWorkerEnv } from '../apps/worker/src/settings.js';

function arg(name: string, def: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
}
const REQUESTS = arg('requests', 1000);
const NODES = arg('nodes', 100);
const SPAWN_MS = arg('spawn-ms', 100);
const MEMORY_MB = 1024;
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `bench-scheduler-${randomUUID().slice(0, 8)}`;
const say = (s: string) => process.stdout.write(`${s}\n`);

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

const tdb = await createTestDatabase({ poolSize: 20 });
const db = tdb.db;
const settings = parseWorkerEnv({ SCHEDULER_CONCURRENCY: '8', CONDUCTOR_CONCURRENCY: '8', SCHEDULER_HOST_SUBSET_SIZE: '10', ...process.env });
const worker = await startWorker({ db, redisUrl, prefix, settings, log: pino({ level: 'warn' }) });
const jobs = createJobProducer(createRedis(redisUrl), prefix);
const agent = spawn(process.execPath, ['--import', 'tsx', 'apps/node-agent/src/main.ts'], {
  cwd: ROOT,
  stdio: ['ignore', 'inherit', 'inherit'],
  env: {
    ...process.env,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: prefix,
    NODE_NAME: 'bench',
    NODE_ROLES: 'compute',
    COMPUTE_DRIVER: 'fake',
    FAKE_NODE_COUNT: String(NODES),
    FAKE_MEMORY_MB: '16384',
    FAKE_SPAWN_DELAY_MS: String(SPAWN_MS),
    LOG_LEVEL: 'warn',
  },
});

async function cleanup() {
  agent.kill('SIGTERM');
  await new Promise((r) => agent.once('exit', r));
  await worker.close();
  await jobs.close();
  const redis = createRedis(redisUrl);
  const keys = await redis.keys(`${prefix}:*`);
  for (let i = 0; i < keys.length; i += 500) await redis.del(...keys.slice(i, i + 500));
  await redis.quit();
  await tdb.drop();
}

try {
  const t0 = Date.now();
  while ((await db.computeNode.count({ where: { state: 'up' } })) < NODES) {
    if (Date.now() - t0 > 120_000) throw new Error('the fake nodes did not register in time');
    await new Promise((r) => setTimeout(r, 200));
  }
  say(`${NODES} fake compute nodes up in ${((Date.now() - t0) / 1000).toFixed(1)} s (one agent process); ${REQUESTS} requests of ${MEMORY_MB} MB, spawn ${SPAWN_MS} ms`);

  const ids: string[] = [];
  const started = Date.now();
  const CONCURRENCY = 32;
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < REQUESTS) {
        next++;
        const id = randomUUID();
        const requestId = `req-${id}`;
        ids.push(id);
        await db.instance.create({
          data: {
            id,
            name: `bench-${ids.length}`,
            projectId: 'bench',
            userId: 'bench',
            flavorId: 'bench',
            vmState: 'building',
            taskState: 'scheduling',
            vcpus: 1,
            memoryMb: MEMORY_MB,
            rootGb: 1,
            reservationId: `r-${id}`,
            actions: { create: { id: randomUUID(), action: 'create', requestId } },
          },
        });
        await jobs.schedule({ instanceId: id, attempt: 1, requestId });
      }
    }),
  );
  const submitted = Date.now();
  for (;;) {
    const pending = await db.instance.count({ where: { OR: [{ vmState: 'building' }, { taskState: { not: null } }] } });
    if (pending === 0) break;
    if (Date.now() - submitted > 600_000) throw new Error(`${pending} instances still pending after 10 minutes`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const done = Date.now();

  const rows = await db.instance.findMany({ select: { vmState: true, createdAt: true, launchedAt: true, allocation: { select: { createdAt: true } } } });
  const active = rows.filter((r) => r.vmState === 'active');
  const latencies = active.map((r) => r.launchedAt!.getTime() - r.createdAt.getTime()).sort((a, b) => a - b);
  const firstRequest = Math.min(...rows.map((r) => r.createdAt.getTime()));
  const lastClaim = Math.max(...active.map((r) => r.allocation!.createdAt.getTime()));

  const nodes = await db.computeNode.findMany({ include: { allocations: true } });
  const over = nodes.filter(
    (n) =>
      n.memoryMbUsed > n.memoryMb * n.ramAllocationRatio ||
      n.vcpusUsed > n.vcpus * n.cpuAllocationRatio ||
      n.memoryMbUsed !== n.allocations.reduce((s, a) => s + a.memoryMb, 0),
  );
  const perNode = nodes.map((n) => n.allocations.length).sort((a, b) => a - b);

  say(`submitted ${REQUESTS} in ${((submitted - started) / 1000).toFixed(1)} s; all settled after ${((done - started) / 1000).toFixed(1)} s`);
  say(`ACTIVE ${active.length}, ERROR ${rows.length - active.length}`);
  say(`placements/s: ${(active.length / ((lastClaim - firstRequest) / 1000)).toFixed(0)}`);
  say(`request → ACTIVE: p50 ${pct(latencies, 50)} ms, p99 ${pct(latencies, 99)} ms (spawn itself ${SPAWN_MS} ms)`);
  say(`instances per node: min ${perNode[0]}, median ${pct(perNode, 50)}, max ${perNode.at(-1)}`);
  say(over.length === 0 ? 'over-commit: none (every node within capacity × ratio, usage = its allocations)' : `OVER-COMMIT on ${over.map((n) => n.name).join(', ')}`);
  process.exitCode = over.length === 0 && active.length === REQUESTS ? 0 : 1;
} finally {
  await cleanup();
}
