import { UnrecoverableError, type Job } from 'bullmq';
import type { Logger } from '@nimbus/core/logger';
import { JobName, type NodeJobName } from '@nimbus/shared/queues';
import { pingHandler } from './ping.js';

type Handler = (job: Job) => Promise<unknown>;

/** The processor of `node-<name>`: dispatches on the job name; an unknown name is never retried. */
export function nodeJobProcessor(node: string, version: string, log: Logger) {
  const handlers: Record<NodeJobName, Handler> = {
    [JobName.Ping]: pingHandler(node, version),
  };
  return async (job: Job): Promise<unknown> => {
    const handler = handlers[job.name as NodeJobName] as Handler | undefined;
    if (!handler) throw new UnrecoverableError(`unknown job "${job.name}" on node ${node}`);
    log.debug({ jobId: job.id, job: job.name }, 'job started');
    return handler(job);
  };
}
