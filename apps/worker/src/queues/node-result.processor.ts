import type { Job } from 'bullmq';
import { NodeResultJobSchema } from '@nimbus/shared/queues';
import type { ApplyOutcome, Conductor } from '../conductor/conductor.js';
import type { InstanceNotifier } from '../instances/notify.js';

/** `conductor` queue, job `node-result`: applies a node's report (see Conductor), then tells the console. */
export function nodeResultProcessor(conductor: Conductor, notify?: InstanceNotifier) {
  return async (job: Job): Promise<ApplyOutcome> => {
    const result = NodeResultJobSchema.parse(job.data);
    const outcome = await conductor.apply(result);
    if (notify && outcome !== 'ignored' && outcome !== 'stale') await notify(result.resource.id);
    return outcome;
  };
}
