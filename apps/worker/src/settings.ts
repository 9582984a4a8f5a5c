import { z } from 'zod';
import { NODE_DOWN_AFTER_MS } from '@nimbus/shared/queues';

const int = (min: number, def: number) => z.coerce.number().int().min(min).default(def);
const num = (def: number) => z.coerce.number().finite().default(def);

/** The worker's own settings beside the shared ones (packages/core config), parsed once at start. */
const WorkerEnvSchema = z.object({
  /** Build attempts per instance, the first included (Nova's max_attempts). */
  SCHEDULER_MAX_ATTEMPTS: int(1, 3),
  /** Weigher multipliers (Nova's *_weight_multiplier): positive spreads, negative stacks, 0 off. */
  SCHEDULER_RAM_WEIGHT_MULTIPLIER: num(1),
  SCHEDULER_CPU_WEIGHT_MULTIPLIER: num(0),
  SCHEDULER_DISK_WEIGHT_MULTIPLIER: num(0),
  /** Soft server-group policies (Nova's soft_(anti_)affinity_weight_multiplier): Nova refuses negatives, so does nimbus. */
  SCHEDULER_SOFT_AFFINITY_WEIGHT_MULTIPLIER: z.coerce.number().finite().min(0).default(1),
  SCHEDULER_SOFT_ANTI_AFFINITY_WEIGHT_MULTIPLIER: z.coerce.number().finite().min(0).default(1),
  /** Pick at random among the best N hosts (Nova's host_subset_size), to spread concurrent claims. */
  SCHEDULER_HOST_SUBSET_SIZE: int(1, 1),
  SCHEDULER_CONCURRENCY: int(1, 8),
  CONDUCTOR_CONCURRENCY: int(1, 8),
  /** A node silent this long is down. */
  NODE_DOWN_AFTER_MS: int(100, NODE_DOWN_AFTER_MS),
  /** How often the periodic tasks (liveness, power sync, cleanup) run. */
  PERIODIC_INTERVAL_MS: int(100, 5_000),
  /** An instance in a task state this long (no progress) is put in ERROR, or its task reverted. */
  TASK_TIMEOUT_MS: int(1_000, 15 * 60_000),
});
export type WorkerSettings = z.infer<typeof WorkerEnvSchema>;

export function parseWorkerEnv(env: Record<string, string | undefined>): WorkerSettings {
  const r = WorkerEnvSchema.safeParse(env);
  if (!r.success) throw new Error(r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return r.data;
}
