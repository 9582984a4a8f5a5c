import type { Job } from 'bullmq';
import { ScheduleJobSchema } from '@nimbus/shared/queues';
import type { Scheduler, ScheduleOutcome } from '../scheduler/schedule.js';

/** `scheduler` queue, job `schedule`: places one instance (see Scheduler). */
export function scheduleProcessor(scheduler: Scheduler) {
  return async (job: Job): Promise<ScheduleOutcome> => scheduler.schedule(ScheduleJobSchema.parse(job.data));
}
