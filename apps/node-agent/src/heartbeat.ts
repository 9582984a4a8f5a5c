import type { Queue } from 'bullmq';
import type { Logger } from '@nimbus/core/logger';
import {
  jobId,
  JobName,
  NODE_HEARTBEAT_INTERVAL_MS,
  NodeHeartbeatSchema,
  type NodeCapacity,
  type NodeHeartbeat,
  type NodeRole,
} from '@nimbus/shared/queues';
import { measureCapacity } from './capacity.js';

export interface NodeIdentity {
  node: string;
  roles: NodeRole[];
  version: string;
  startedAt: Date;
}

/** What a heartbeat says of the node beyond its identity, measured afresh for every beat. */
export type NodeDescription = Pick<NodeHeartbeat, 'availabilityZone' | 'driver' | 'instances' | 'hostIp'> & { capacity: NodeCapacity };

/** A node without a compute driver reports the host's own capacity. */
export const describeHost = async (): Promise<NodeDescription> => ({ capacity: await measureCapacity() });

/**
 * Sends `register` at once, then `heartbeat` every interval, and `leave` when stopped. Sends never
 * overlap (the next one is armed after the previous finished) and a failed send is logged, not
 * fatal: Redis may come back before the worker gives up on this node.
 */
export class Heartbeater {
  private seq = 0;
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly queue: Queue,
    private readonly identity: NodeIdentity,
    private readonly log: Logger,
    private readonly intervalMs = NODE_HEARTBEAT_INTERVAL_MS,
    private readonly describe: () => Promise<NodeDescription> = describeHost,
  ) {}

  async start(): Promise<void> {
    await this.send('register');
    this.arm();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.inFlight;
    await this.send('leave');
  }

  private arm(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.inFlight = this.send('heartbeat').finally(() => this.arm());
    }, this.intervalMs);
  }

  private async send(kind: NodeHeartbeat['kind']): Promise<void> {
    const { node, roles, version, startedAt } = this.identity;
    try {
      // Stamped before measuring: power-state sync only trusts what was observed after a row's last change.
      const sentAt = new Date().toISOString();
      const payload = NodeHeartbeatSchema.parse({
        kind,
        node,
        roles,
        version,
        ...(await this.describe()),
        startedAt: startedAt.toISOString(),
        sentAt,
      });
      // Id unique per agent run and sequence number: a retried add cannot duplicate a beat.
      const id = jobId(kind, node, startedAt.getTime(), this.seq++);
      await this.queue.add(JobName.Heartbeat, payload, { jobId: id });
      this.log.debug({ kind, jobId: id }, 'heartbeat sent');
    } catch (err) {
      this.log.warn({ err, kind }, 'heartbeat not sent');
    }
  }
}
