import { UnrecoverableError, type Job, type Queue } from 'bullmq';
import type { Logger } from '@nimbus/core/logger';
import { JobName, type NodeJobName } from '@nimbus/shared/queues';
import type { ComputeDriver } from '../drivers/compute/driver.js';
import { consoleOutputHandler } from './console-output.js';
import type { GuestSources } from './guest-sources.js';
import { instanceActionHandler } from './instance-action.js';
import { InstanceLocks } from './instance-locks.js';
import { networkSyncHandler, type NetworkSyncer } from './network-sync.js';
import { pingHandler } from './ping.js';
import { serialConsoleHandler } from './serial-console.js';

type Handler = (job: Job) => Promise<unknown>;

/** What compute jobs need: the node's driver, where guests' bytes come from, and the conductor queue its results go to. */
export interface ComputeContext {
  driver: ComputeDriver;
  sources: GuestSources;
  results: Queue;
}

/**
 * The processor of `node-<name>`: dispatches on the job name; an unknown name is never retried,
 * nor is a compute job on a node that has no compute driver, nor a network job on a node without
 * a network driver.
 */
export function nodeJobProcessor(node: string, version: string, log: Logger, compute?: ComputeContext, network?: NetworkSyncer) {
  const noCompute: Handler = async (job) => {
    throw new UnrecoverableError(`node ${node} has no compute role for "${job.name}"`);
  };
  const noNetwork: Handler = async (job) => {
    throw new UnrecoverableError(`node ${node} has no network role for "${job.name}"`);
  };
  const handlers: Record<NodeJobName, Handler> = {
    [JobName.Ping]: pingHandler(node, version),
    [JobName.InstanceAction]: compute ? instanceActionHandler(node, compute.driver, compute.sources, compute.results, new InstanceLocks(), log) : noCompute,
    [JobName.ConsoleOutput]: compute ? consoleOutputHandler(compute.driver) : noCompute,
    [JobName.SerialConsole]: compute ? serialConsoleHandler(compute.driver) : noCompute,
    [JobName.NetworkSync]: network ? networkSyncHandler(network) : noNetwork,
  };
  return async (job: Job): Promise<unknown> => {
    const handler = handlers[job.name as NodeJobName] as Handler | undefined;
    if (!handler) throw new UnrecoverableError(`unknown job "${job.name}" on node ${node}`);
    log.debug({ jobId: job.id, job: job.name }, 'job started');
    return handler(job);
  };
}
