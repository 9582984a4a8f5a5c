import { UnrecoverableError, type Job } from 'bullmq';
import { ConsoleOutputJobSchema, type ConsoleOutputResult } from '@nimbus/shared/queues';
import { InstanceNotFound, type ComputeDriver } from '../drivers/compute/driver.js';

/** Answers `console-output` with the driver's serial log; the caller waits for the return value. */
export function consoleOutputHandler(driver: ComputeDriver) {
  return async (job: Job): Promise<ConsoleOutputResult> => {
    const { instanceId, length } = ConsoleOutputJobSchema.parse(job.data);
    try {
      return { output: await driver.getConsoleOutput(instanceId, length) };
    } catch (err) {
      if (err instanceof InstanceNotFound) throw new UnrecoverableError(err.message);
      throw err;
    }
  };
}
