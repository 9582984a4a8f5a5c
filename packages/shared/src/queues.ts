import { z } from 'zod';

/**
 * Job contracts between web, worker and node agents: queue names, job names, one zod schema per
 * payload and a typed map from queue to payload. Every processor parses its payload with the
 * schema on its first line, so a producer on another version fails loudly instead of half-working.
 *
 * Names are kebab-case and never contain `:` (BullMQ's key separator); job ids built with `jobId`
 * are deterministic so that re-enqueueing the same step is a no-op.
 */
export enum QueueName {
  Scheduler = 'scheduler',
  Conductor = 'conductor',
  NodeHeartbeat = 'node-heartbeat',
}

/** Job names, one per kind of work; a queue may carry several. */
export enum JobName {
  Schedule = 'schedule',
  NodeResult = 'node-result',
  Heartbeat = 'heartbeat',
  Ping = 'ping',
  /** One lifecycle step of an instance on its node (spawn, destroy, power, reboot, ...). */
  InstanceAction = 'instance-action',
  /** A question a node answers synchronously (the caller waits for the job's return value). */
  ConsoleOutput = 'console-output',
  /** Where the guest's live serial console is reached (synchronous, like console-output). */
  SerialConsole = 'serial-console',
  /** Make the node's datapath match its desired network state (fetched over HTTP, not carried). */
  NetworkSync = 'network-sync',
}

/** How often an agent heartbeats, and how long the worker waits before declaring it down. */
export const NODE_HEARTBEAT_INTERVAL_MS = 10_000;
export const NODE_DOWN_AFTER_MS = 30_000;

export const NodeRole = z.enum(['compute', 'network', 'storage']);
export type NodeRole = z.infer<typeof NodeRole>;

/**
 * A node name doubles as part of a queue name (`node-<name>`), so it is restricted to what is safe
 * there; `heartbeat` is refused because `node-heartbeat` is already the heartbeat queue.
 */
export const NodeNameSchema = z
  .string()
  .min(1)
  .max(63)
  .regex(/^[a-z0-9]([a-z0-9._-]*[a-z0-9])?$/, 'lowercase letters, digits, ".", "_" and "-" only')
  .refine((n) => n !== 'heartbeat', 'the name "heartbeat" is reserved');

/** The queue a node agent consumes: `node-<name>`. */
export function nodeQueueName(node: string): `node-${string}` {
  return `node-${NodeNameSchema.parse(node)}`;
}

/** A deterministic job id from its parts; `:` would break BullMQ keys, so it is refused. */
export function jobId(...parts: Array<string | number>): string {
  const id = parts.join('-');
  if (id.includes(':')) throw new Error(`job id must not contain ":": ${id}`);
  return id;
}

export const NodeCapacitySchema = z.object({
  cpus: z.number().int().positive(),
  memoryMb: z.number().int().nonnegative(),
  memoryFreeMb: z.number().int().nonnegative(),
  diskGb: z.number().nonnegative(),
  diskFreeGb: z.number().nonnegative(),
});
export type NodeCapacity = z.infer<typeof NodeCapacitySchema>;

/**
 * What a compute node's driver says of itself: the hypervisor it drives and what it can do.
 * `fake` is true for the in-memory driver, so the controller can label such nodes everywhere.
 */
export const DriverInfoSchema = z.object({
  name: z.string().min(1),
  fake: z.boolean(),
  hypervisorType: z.string().min(1),
  hypervisorVersion: z.number().int().nonnegative(),
  capabilities: z.record(z.string(), z.boolean()),
});
export type DriverInfo = z.infer<typeof DriverInfoSchema>;

/**
 * What an agent says about itself. `register` is sent once at start, `heartbeat` every
 * NODE_HEARTBEAT_INTERVAL_MS, `leave` on a clean shutdown so the node is down at once.
 */
export const NodeHeartbeatSchema = z.object({
  kind: z.enum(['register', 'heartbeat', 'leave']),
  node: NodeNameSchema,
  roles: z.array(NodeRole).min(1),
  version: z.string().min(1),
  capacity: NodeCapacitySchema,
  startedAt: z.iso.datetime(),
  sentAt: z.iso.datetime(),
  /** The address the node is reached at (Nova's host_ip), agent env NODE_HOST_IP. */
  hostIp: z.string().min(1).optional(),
  /** Compute nodes: the availability zone the operator put the node in (agent env NODE_AZ). */
  availabilityZone: z.string().min(1).optional(),
  /** Compute nodes: the compute driver serving the node. */
  driver: DriverInfoSchema.optional(),
  /** Compute nodes: the power state of every instance the hypervisor has (id → Nova number). */
  instances: z.record(z.string(), z.number().int().nonnegative()).optional(),
});
export type NodeHeartbeat = z.infer<typeof NodeHeartbeatSchema>;

/** Ask an agent to answer: proves its queue is consumed end to end. */
export const NodePingSchema = z.object({
  requestId: z.string().min(1),
});
export type NodePing = z.infer<typeof NodePingSchema>;

export const NodePongSchema = z.object({
  node: NodeNameSchema,
  version: z.string(),
  requestId: z.string(),
  answeredAt: z.iso.datetime(),
});
export type NodePong = z.infer<typeof NodePongSchema>;

/** Place an instance on a host (DESIGN.md §5 step 2); attempts count reschedules. */
export const ScheduleJobSchema = z.object({
  instanceId: z.string().min(1),
  attempt: z.number().int().min(1),
  requestId: z.string().min(1),
});
export type ScheduleJob = z.infer<typeof ScheduleJobSchema>;

/** A node's durable report of a finished step, applied to the database by the conductor. */
export const NodeResultJobSchema = z.object({
  node: NodeNameSchema,
  requestId: z.string().min(1),
  resource: z.object({ type: z.string().min(1), id: z.string().min(1) }),
  step: z.string().min(1),
  outcome: z.enum(['success', 'failure']),
  fault: z.object({ message: z.string(), details: z.string().optional() }).optional(),
  /** The scheduling attempt the step belonged to (instance steps), so a stale result is ignored. */
  attempt: z.number().int().min(1).optional(),
  /** When the node started and finished the step, for the instance action's event timeline. */
  startedAt: z.iso.datetime().optional(),
  finishedAt: z.iso.datetime().optional(),
  /** The power state the driver observed after the step (Nova's numbers). */
  powerState: z.number().int().nonnegative().optional(),
});
export type NodeResultJob = z.infer<typeof NodeResultJobSchema>;

/**
 * The steps a compute node carries out for an instance, each a method of the compute driver
 * (DESIGN.md §6). The conductor applies the node's result; the API only enqueues.
 */
export const InstanceStep = z.enum([
  'spawn',
  'destroy',
  'power-on',
  'power-off',
  'reboot-soft',
  'reboot-hard',
  'pause',
  'unpause',
  'suspend',
  'resume',
  'snapshot',
  'resize',
  'confirm-resize',
  'revert-resize',
]);
export type InstanceStep = z.infer<typeof InstanceStep>;

/** What a node needs to carry out a step: ids only (DESIGN.md §7), plus the sizes it must honour. */
export const InstanceActionJobSchema = z.object({
  instanceId: z.string().min(1),
  step: InstanceStep,
  requestId: z.string().min(1),
  /** Which scheduling attempt a spawn belongs to, so a late result of an old attempt is ignored. */
  attempt: z.number().int().min(1).default(1),
  flavor: z.object({ vcpus: z.number().int().positive(), memoryMb: z.number().int().positive(), rootGb: z.number().int().nonnegative() }).optional(),
  imageId: z.string().min(1).optional(),
  /** The instance's display name (guest hostname, console lines); never needed to find it. */
  name: z.string().optional(),
  /** snapshot: the image to upload into. */
  targetImageId: z.string().min(1).optional(),
});
export type InstanceActionJob = z.infer<typeof InstanceActionJobSchema>;

export const ConsoleOutputJobSchema = z.object({
  instanceId: z.string().min(1),
  requestId: z.string().min(1),
  /** Last N lines, as `os-getConsoleOutput` length. */
  length: z.number().int().positive().optional(),
});
export type ConsoleOutputJob = z.infer<typeof ConsoleOutputJobSchema>;

export const ConsoleOutputResultSchema = z.object({ output: z.string() });
export type ConsoleOutputResult = z.infer<typeof ConsoleOutputResultSchema>;

export const SerialConsoleJobSchema = z.object({
  instanceId: z.string().min(1),
  requestId: z.string().min(1),
});
export type SerialConsoleJob = z.infer<typeof SerialConsoleJobSchema>;

/** Nova's ConsoleSerial: a raw TCP endpoint on the node that the console proxy connects to. */
export const SerialConsoleResultSchema = z.object({ host: z.string().min(1), port: z.number().int().min(1).max(65535) });
export type SerialConsoleResult = z.infer<typeof SerialConsoleResultSchema>;

/**
 * A nudge to re-sync the node's datapath: the agent GETs `/internal/network-state/<node>` with its
 * service token (DESIGN.md §7: ids, not blobs) and skips the job when it already applied a state of
 * this generation or newer. It joins `QueuePayloadSchemas.node` together with its handler in the
 * agent's job table, which requires one for every node job.
 */
export const NetworkSyncJobSchema = z.object({
  generation: z.number().int().nonnegative(),
  requestId: z.string().min(1),
});
export type NetworkSyncJob = z.infer<typeof NetworkSyncJobSchema>;

/** Payload schema per queue; node queues share one entry since their names are built at runtime. */
export const QueuePayloadSchemas = {
  [QueueName.Scheduler]: { [JobName.Schedule]: ScheduleJobSchema },
  [QueueName.Conductor]: { [JobName.NodeResult]: NodeResultJobSchema },
  [QueueName.NodeHeartbeat]: { [JobName.Heartbeat]: NodeHeartbeatSchema },
  node: {
    [JobName.Ping]: NodePingSchema,
    [JobName.InstanceAction]: InstanceActionJobSchema,
    [JobName.ConsoleOutput]: ConsoleOutputJobSchema,
    [JobName.SerialConsole]: SerialConsoleJobSchema,
    [JobName.NetworkSync]: NetworkSyncJobSchema,
  },
} as const;

type Schemas = typeof QueuePayloadSchemas;

/** Queue → job name → payload type, e.g. `QueueJobs['node-heartbeat']['heartbeat']`. */
export type QueueJobs = {
  [Q in keyof Schemas]: { [J in keyof Schemas[Q]]: Schemas[Q][J] extends z.ZodType<infer T> ? T : never };
};

/** The job names a node queue accepts. */
export type NodeJobName = keyof QueueJobs['node'];
