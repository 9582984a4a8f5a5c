import { z } from 'zod';
import { NODE_HEARTBEAT_INTERVAL_MS } from '@nimbus/shared/queues';

const int = (min: number, def: number) => z.coerce.number().int().min(min).default(def);

/** The agent's own settings beside the shared ones (packages/core config), parsed once at start. */
const AgentEnvSchema = z.object({
  /** The availability zone this node is in (Nova's default zone is `nova`). */
  NODE_AZ: z.string().min(1).default('nova'),
  COMPUTE_DRIVER: z.string().min(1).default('fake'),
  /** The datapath of a `network`-role node (drivers/network/registry.ts); the in-memory one unless set. */
  NETWORK_DRIVER: z.string().min(1).default('fake'),
  /**
   * Where this node reaches the controller's REST APIs (identity, image data, metadata), when not
   * at NIMBUS_PUBLIC_URL (e.g. the public URL is a proxy only users go through).
   */
  NIMBUS_API_URL: z.string().url().optional(),
  /** The address the controller reaches this node at (Nova's host_ip); default: its first non-loopback IPv4. */
  NODE_HOST_IP: z.string().min(1).optional(),
  /**
   * Fake driver only: how many compute nodes this one process pretends to be, named
   * `<NODE_NAME>-1` ... `<NODE_NAME>-<n>` when more than one (benchmarks: 100 nodes, one process).
   */
  FAKE_NODE_COUNT: int(1, 1),
  HEARTBEAT_INTERVAL_MS: int(50, NODE_HEARTBEAT_INTERVAL_MS),
  /**
   * How long a job's lock lives without renewal; a killed agent's job is redelivered once it
   * expires (BullMQ stalled-job recovery). Short in tests.
   */
  AGENT_JOB_LOCK_MS: int(500, 30_000),
  AGENT_CONCURRENCY: int(1, 4),
});
export type AgentEnv = z.infer<typeof AgentEnvSchema>;

export function parseAgentEnv(env: Record<string, string | undefined>): AgentEnv {
  const r = AgentEnvSchema.safeParse(env);
  if (!r.success) throw new Error(r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return r.data;
}
