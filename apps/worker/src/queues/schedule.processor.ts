import type { Job } from 'bullmq';
import { ScheduleJobSchema } from '@nimbus/shared/queues';
import type { Scheduler, ScheduleOutcome } from '../scheduler/schedule.js';
import type { InstanceNotifier } from '../instances/notify.js';

/** `scheduler` queue, job `schedule`: places one instance (see Scheduler), then tells the console. */
export function scheduleProcessor(scheduler: Scheduler, notify?: InstanceNotifier) {
  return async (job: Job): Promise<ScheduleOutcome> => {
    const request = ScheduleJobSchema.parse(job.data);
    const outcome = await scheduler.schedule(request);
    if (notify) await notify(request.instanceId);
    return outcome;
  };
}
