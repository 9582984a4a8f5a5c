import type { Job } from 'bullmq';
import type { Logger } from '@nimbus/core/logger';
import { NetworkSyncJobSchema } from '@nimbus/shared/queues';
import type { NetworkDriver, SyncReport } from '../drivers/network/driver.js';
import type { NetworkStateClient } from '../drivers/network/state-client.js';

/**
 * One node's datapath convergence: fetches the node's desired state and hands it to the driver.
 * Syncs run one at a time (the driver contract leaves serialising to the agent), and a request
 * for a generation older than the one last applied is dropped: that state is already superseded.
 */
export class NetworkSyncer {
  private applied = -1;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly node: string,
    private readonly driver: NetworkDriver,
    private readonly states: Pick<NetworkStateClient, 'fetch'>,
    private readonly log: Logger,
  ) {}

  /** The report of the sync, or null when `generation` was already superseded; no generation: always sync. */
  sync(generation?: number): Promise<SyncReport | null> {
    const run = this.queue.then(() => this.apply(generation));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async apply(generation: number | undefined): Promise<SyncReport | null> {
    if (generation !== undefined && generation < this.applied) {
      this.log.debug({ generation, applied: this.applied }, 'network-sync skipped: a newer generation is applied');
      return null;
    }
    const state = await this.states.fetch(this.node);
    const report = await this.driver.sync(state);
    this.applied = Math.max(this.applied, report.generation);
    this.log.info({ generation: report.generation, changes: report.changes, durationMs: report.durationMs }, 'network synced');
    return report;
  }
}

/** Answers `network-sync`; the return value says what changed, for the job's record. */
export function networkSyncHandler(syncer: NetworkSyncer) {
  return async (job: Job): Promise<{ generation: number; changes: number } | { skipped: true }> => {
    const { generation } = NetworkSyncJobSchema.parse(job.data);
    const report = await syncer.sync(generation);
    return report ? { generation: report.generation, changes: report.changes.length } : { skipped: true };
  };
}
