import { UnrecoverableError, type Job } from 'bullmq';
import { SerialConsoleJobSchema, type SerialConsoleResult } from '@nimbus/shared/queues';
import { DriverError, type ComputeDriver } from '../drivers/compute/driver.js';

/** Answers `serial-console` with where the guest's serial port listens; the caller waits for it. */
export function serialConsoleHandler(driver: ComputeDriver) {
  return async (job: Job): Promise<SerialConsoleResult> => {
    const { instanceId } = SerialConsoleJobSchema.parse(job.data);
    try {
      return await driver.getSerialConsole(instanceId);
    } catch (err) {
      // Not found / no console: asking again will not help.
      if (err instanceof DriverError) throw new UnrecoverableError(err.message);
      throw err;
    }
  };
}
