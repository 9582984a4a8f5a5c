import os from 'node:os';
import { join } from 'node:path';
import { Queue, Worker } from 'bullmq';
import { loadConfig } from '@nimbus/core/config';
import { createLogger, type Logger } from '@nimbus/core/logger';
import { NodeNameSchema, NodeRole, nodeQueueName, QueueName } from '@nimbus/shared/queues';
import { parseAgentEnv, type AgentEnv } from './config.js';
import { controller, nodeDriver, nodeImageCache } from './controller.js';
import { describeDriver, type ComputeDriver } from './drivers/compute/driver.js';
import type { NetworkDriver } from './drivers/network/driver.js';
import { createNetworkDriver } from './drivers/network/registry.js';
import { NetworkStateClient } from './drivers/network/state-client.js';
import { HostCommandRunner } from './exec/runner.js';
import { describeHost, Heartbeater, type NodeDescription } from './heartbeat.js';
import { nodeJobProcessor } from './jobs/index.js';
import { NetworkSyncer } from './jobs/network-sync.js';
import { createRedis } from './redis.js';
import { AGENT_VERSION } from './version.js';

/**
 * The node agent: announces this host and its capacity to the controller, then carries out the
 * jobs sent to its own queue through its drivers. It talks to Redis only — never to the database
 * (DESIGN.md §1). With the fake compute driver one process may serve several nodes
 * (FAKE_NODE_COUNT), each with its own queue, heartbeat and driver.
 */
const config = loadConfig();
const root = createLogger('node-agent', config.LOG_LEVEL);

let env: AgentEnv;
try {
  env = parseAgentEnv(process.env);
} catch (err) {
  root.fatal({ err: (err as Error).message }, 'invalid agent environment');
  process.exit(78);
}
const rolesParse = NodeRole.array().min(1).safeParse(config.NODE_ROLES.split(',').map((r) => r.trim()));
const count = env.COMPUTE_DRIVER === 'fake' ? env.FAKE_NODE_COUNT : 1;
const names = count === 1 ? [config.NODE_NAME] : Array.from({ length: count }, (_, i) => `${config.NODE_NAME}-${i + 1}`);
const nameParses = names.map((n) => NodeNameSchema.safeParse(n));
const badName = nameParses.find((p) => !p.success);
if (badName || !rolesParse.success) {
  root.fatal(
    { NODE_NAME: badName?.error?.issues[0]?.message, NODE_ROLES: rolesParse.error?.issues[0]?.message },
    'invalid NODE_NAME or NODE_ROLES',
  );
  process.exit(78);
}
const roles = rolesParse.data;
const hostIp =
  env.NODE_HOST_IP ??
  Object.values(os.networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal)?.address ??
  '127.0.0.1';
const isCompute = roles.includes('compute');
const isNetwork = roles.includes('network');
const ctl = controller(config, env);
const networkStates = new NetworkStateClient({ apiUrl: ctl.apiUrl, token: ctl.token });

const connection = createRedis(config.REDIS_URL);
const prefix = config.REDIS_PREFIX;
const heartbeatQueue = new Queue(QueueName.NodeHeartbeat, {
  connection,
  prefix,
  // Heartbeats are worthless once superseded: no retries, nothing kept after processing.
  defaultJobOptions: { attempts: 1, removeOnComplete: true, removeOnFail: { count: 100 } },
});
// Node results are the only record of what a node did: retried until Redis takes them, kept a while.
const resultQueue = new Queue(QueueName.Conductor, {
  connection,
  prefix,
  defaultJobOptions: { attempts: 10, backoff: { type: 'exponential', delay: 500 }, removeOnComplete: { age: 3600, count: 10_000 }, removeOnFail: { age: 7 * 24 * 3600 } },
});

/** A compute node's heartbeat: the driver's capacity and the power state of each guest (power-state sync). */
async function describeCompute(d: ComputeDriver): Promise<NodeDescription> {
  const instances: Record<string, number> = {};
  for (const id of await d.listInstances()) {
    const info = await d.getInfo(id).catch(() => undefined);
    if (info) instances[id] = info.powerState;
  }
  return { capacity: await d.getAvailableResource(), availabilityZone: env.NODE_AZ, driver: describeDriver(d), instances, hostIp };
}

/** The node's datapath driver, keeping its files under `<NIMBUS_DATA_DIR>/network/<node>`. */
function networkDriver(node: string, log: Logger): NetworkDriver {
  return createNetworkDriver(env.NETWORK_DRIVER, {
    runner: new HostCommandRunner(log.child({ component: 'exec' })),
    log: log.child({ component: 'network-driver' }),
    stateDir: join(config.NIMBUS_DATA_DIR, 'network', node),
  });
}

interface ServedNode {
  name: string;
  driver?: ComputeDriver;
  network?: { driver: NetworkDriver; syncer: NetworkSyncer };
  heartbeater: Heartbeater;
  worker: Worker;
}

function serve(node: string): ServedNode {
  const log = root.child({ node });
  const driver = isCompute ? nodeDriver(config, env, ctl, node, log) : undefined;
  const compute = driver && { driver, sources: { images: nodeImageCache(config, ctl, node, log), metadata: ctl.metadata }, results: resultQueue };
  const netDriver = isNetwork ? networkDriver(node, log) : undefined;
  const network = netDriver && { driver: netDriver, syncer: new NetworkSyncer(node, netDriver, networkStates, log.child({ component: 'network-sync' })) };
  const heartbeater = new Heartbeater(
    heartbeatQueue,
    { node, roles, version: AGENT_VERSION, startedAt: new Date() },
    log.child({ component: 'heartbeat' }),
    env.HEARTBEAT_INTERVAL_MS,
    driver ? () => describeCompute(driver) : describeHost,
  );
  const worker = new Worker(nodeQueueName(node), nodeJobProcessor(node, AGENT_VERSION, log, compute, network?.syncer), {
    connection,
    prefix,
    concurrency: env.AGENT_CONCURRENCY,
    lockDuration: env.AGENT_JOB_LOCK_MS,
    stalledInterval: env.AGENT_JOB_LOCK_MS,
    // A step whose agent died twice mid-way is failed; the conductor's cleanup then settles it.
    maxStalledCount: 2,
    autorun: false,
  });
  worker.on('failed', (job, err) => log.warn({ jobId: job?.id, job: job?.name, err }, 'job failed'));
  worker.on('error', (err) => log.error({ err }, 'queue worker error'));
  return { name: node, driver, network, heartbeater, worker };
}

/** A datapath that cannot be prepared is logged, not fatal: the node's compute side still works. */
async function initNetwork(s: ServedNode): Promise<void> {
  try {
    await s.network?.driver.init();
  } catch (err) {
    root.error({ node: s.name, driver: env.NETWORK_DRIVER, err }, 'network driver init failed');
  }
}

/**
 * The first full sync, retried a few times: the web may not be up yet, and it knows this node only
 * once the first heartbeat is processed. Failures are logged; later network-sync jobs converge anyway.
 */
async function firstNetworkSync(s: ServedNode): Promise<void> {
  for (let attempt = 1, delayMs = 1000; s.network && !stopping; attempt += 1, delayMs *= 2) {
    try {
      await s.network.syncer.sync();
      return;
    } catch (err) {
      const last = attempt === 5;
      root[last ? 'error' : 'warn']({ node: s.name, attempt, err: (err as Error).message }, 'network sync at start failed');
      if (last) return;
      await new Promise((resolve) => setTimeout(resolve, delayMs).unref());
    }
  }
}

let stopping = false;
const served = names.map(serve);
if (served.some((s) => s.driver?.fake)) {
  root.warn({ driver: env.COMPUTE_DRIVER, nodes: names.length }, 'FAKE compute driver: no guest will really run on these nodes');
}
if (served.some((s) => s.network?.driver.fake)) {
  root.warn({ driver: env.NETWORK_DRIVER }, 'FAKE network driver: no packet will really move on these nodes');
}
for (const s of served) await s.driver?.init();
for (const s of served) await initNetwork(s);
// Register before consuming: the scheduler only sends work to nodes it knows.
await Promise.all(served.map((s) => s.heartbeater.start()));
for (const s of served) void s.worker.run();
for (const s of served) void firstNetworkSync(s);
root.info(
  { nodes: names.length > 3 ? `${names[0]} .. ${names.at(-1)} (${names.length})` : names, roles, version: AGENT_VERSION, driver: isCompute ? env.COMPUTE_DRIVER : undefined, networkDriver: isNetwork ? env.NETWORK_DRIVER : undefined, az: env.NODE_AZ },
  'node agent up',
);

async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  root.info({ signal }, 'node agent stopping');
  // Workers first (running steps finish and report), then leave, then queues, Redis last:
  // closing Redis under a busy worker loses its job lock.
  await Promise.all(served.map((s) => s.worker.close()));
  await Promise.all(served.map((s) => s.heartbeater.stop()));
  await Promise.all(served.map((s) => s.driver?.close()));
  await Promise.all(served.map((s) => s.network?.driver.close()));
  await heartbeatQueue.close();
  await resultQueue.close();
  await connection.quit();
  root.info('node agent stopped');
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
