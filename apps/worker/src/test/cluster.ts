import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { createTestDatabase, type TestDatabase } from '@nimbus/db/test-db';
import { createJobProducer, type JobProducer } from '@nimbus/core/jobs/producer';
import type { Prisma } from '@nimbus/db';
import { TaskState } from '@nimbus/shared/compute-states';
import type { InstanceActionJob, InstanceStep } from '@nimbus/shared/queues';
import type { RequestContext } from '@nimbus/core/identity/context';
import { startWorker } from '../app.js';
import { createRedis } from '../redis.js';
import { parseWorkerEnv, type WorkerSettings } from '../settings.js';
import { testRedis } from './redis.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const AGENT_MAIN = 'apps/node-agent/src/main.ts';

/** A real node-agent process (tsx), on the test's Redis prefix. */
export interface AgentProcess {
  name: string;
  child: ChildProcess;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Everything a compute-flow integration test needs: a database of its own, a Redis prefix of its
 * own, an in-process worker (restartable), real agent processes, and helpers to create instances
 * the way the API does.
 */
export async function computeCluster(name: string, workerEnv: Record<string, string> = {}) {
  const redis = testRedis(name);
  const tdb: TestDatabase = await createTestDatabase({ poolSize: 12 });
  const db = tdb.db;
  const settings: WorkerSettings = parseWorkerEnv({
    NODE_DOWN_AFTER_MS: '3000',
    PERIODIC_INTERVAL_MS: '300',
    TASK_TIMEOUT_MS: '20000',
    ...workerEnv,
  });
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const log = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  let worker: Awaited<ReturnType<typeof startWorker>> | undefined;
  const jobs: JobProducer = createJobProducer(createRedis(redisUrl), redis.prefix);
  const apiRedis = createRedis(redisUrl);
  const agents: AgentProcess[] = [];

  const cluster = {
    db,
    jobs,
    prefix: redis.prefix,
    settings,
    async startWorker() {
      worker = await startWorker({ db, redisUrl, prefix: redis.prefix, settings, log });
    },
    async stopWorker() {
      await worker?.close();
      worker = undefined;
    },
    startAgent(node: string, env: Record<string, string> = {}): AgentProcess {
      let out = '';
      const child = spawn(process.execPath, ['--import', 'tsx', AGENT_MAIN], {
        cwd: ROOT,
        env: {
          ...process.env,
          REDIS_URL: redisUrl,
          REDIS_PREFIX: redis.prefix,
          NODE_NAME: node,
          NODE_ROLES: 'compute',
          COMPUTE_DRIVER: 'fake',
          HEARTBEAT_INTERVAL_MS: '500',
          AGENT_JOB_LOCK_MS: '1000',
          FAKE_SPAWN_DELAY_MS: '100',
          FAKE_STEP_DELAY_MS: '20',
          LOG_LEVEL: 'warn',
          ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      const agent: AgentProcess = {
        name: node,
        child,
        output: () => out,
        async stop(signal: NodeJS.Signals = 'SIGTERM') {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          await exited;
        },
      };
      agents.push(agent);
      return agent;
    },
    /** Waits until the node is registered and up in the database. */
    async nodeUp(node: string, timeoutMs = 20_000) {
      return until(async () => {
        const n = await db.computeNode.findUnique({ where: { name: node } });
        return n?.state === 'up' ? n : undefined;
      }, timeoutMs);
    },
    /** An instance row as the API creates it (BUILDING, task scheduling), then the schedule job. */
    async boot(over: { name?: string; vcpus?: number; memoryMb?: number; rootGb?: number; availabilityZone?: string; imageId?: string; group?: string } = {}) {
      const id = randomUUID();
      const requestId = `req-${randomUUID()}`;
      await db.instance.create({
        data: {
          id,
          name: over.name ?? `vm-${id.slice(0, 8)}`,
          projectId: 'p1',
          userId: 'u1',
          flavorId: 'f1',
          imageId: over.imageId,
          availabilityZone: over.availabilityZone,
          vmState: 'building',
          taskState: TaskState.Scheduling,
          vcpus: over.vcpus ?? 1,
          memoryMb: over.memoryMb ?? 256,
          rootGb: over.rootGb ?? 1,
          reservationId: `r-${id.slice(0, 8)}`,
          actions: { create: { id: randomUUID(), action: 'create', requestId, userId: 'u1', projectId: 'p1' } },
          ...(over.group ? { serverGroupMember: { create: { groupId: over.group } } } : {}),
        },
      });
      await jobs.schedule({ instanceId: id, attempt: 1, requestId });
      return { id, requestId };
    },
    /** Waits until the instance has no task and is not building (ACTIVE, ERROR, STOPPED, ...). */
    async settled(id: string, timeoutMs = 20_000) {
      return until(async () => {
        const i = await db.instance.findUniqueOrThrow({ where: { id }, include: { node: true, allocation: true } });
        return i.taskState === null && i.vmState !== 'building' ? i : undefined;
      }, timeoutMs);
    },
    /** What the API does for an action: compare-and-set the task state, then send the step to the node. */
    async act(id: string, step: InstanceStep, taskState: string, data: Prisma.InstanceUpdateInput = {}, job: Partial<InstanceActionJob> = {}) {
      const inst = await db.instance.findUniqueOrThrow({ where: { id }, include: { node: true } });
      const requestId = `req-${randomUUID()}`;
      await db.instance.update({ where: { id }, data: { taskState, ...data } });
      await jobs.instanceAction(inst.node!.name, { instanceId: id, step, requestId, attempt: Math.max(1, inst.attempts), ...job });
      return requestId;
    },
    /** A core request context as the API builds one, for a member of the project the cluster boots into. */
    apiContext(): RequestContext {
      return {
        db,
        redis: apiRedis,
        keyPrefix: redis.prefix,
        jobs,
        requestId: `req-${randomUUID()}`,
        log,
        source: 'system',
        auth: {
          userId: 'u1',
          userName: 'tester',
          userDomainId: 'default',
          projectId: 'p1',
          projectName: 'p1',
          projectDomainId: 'default',
          roles: ['member', 'reader'],
          roleIds: [],
          methods: ['password'],
          auditIds: [],
          issuedAt: new Date(),
          expiresAt: new Date(Date.now() + 3_600_000),
          isAdmin: false,
        },
      };
    },
    async close() {
      await Promise.all(agents.map((a) => a.stop()));
      await worker?.close();
      await jobs.close();
      await apiRedis.quit();
      await redis.cleanup();
      await tdb.drop();
    },
  };
  return cluster;
}

export type ComputeCluster = Awaited<ReturnType<typeof computeCluster>>;

export async function until<T>(probe: () => Promise<T | undefined>, ms = 10_000, everyMs = 50): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
