import type { Job } from 'bullmq';
import { NodeResultJobSchema } from '@nimbus/shared/queues';
import type { ApplyOutcome, Conductor } from '../conductor/conductor.js';

/** `conductor` queue, job `node-result`: applies a node's report (see Conductor). */
export function nodeResultProcessor(conductor: Conductor) {
  return async (job: Job): Promise<ApplyOutcome> => conductor.apply(NodeResultJobSchema.parse(job.data));
}
