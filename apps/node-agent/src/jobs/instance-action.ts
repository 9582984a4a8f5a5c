import type { Job, Queue } from 'bullmq';
import type { Logger } from '@nimbus/core/logger';
import { InstanceActionJobSchema, jobId, JobName, NodeResultJobSchema, type InstanceActionJob, type NodeResultJob } from '@nimbus/shared/queues';
import { DriverError, type ComputeDriver } from '../drivers/compute/driver.js';
import { destroyGuest, spawnGuest, type GuestSources } from './guest-sources.js';
import type { InstanceLocks } from './instance-locks.js';

/** Carries one step out through the driver; every driver method is idempotent, so a redelivery is safe. */
async function runStep(driver: ComputeDriver, sources: GuestSources, a: InstanceActionJob): Promise<void> {
  const id = a.instanceId;
  switch (a.step) {
    case 'spawn':
      return spawnGuest(driver, sources, a);
    case 'destroy':
      return destroyGuest(driver, sources, id);
    case 'power-on':
      return driver.powerOn(id);
    case 'power-off':
      return driver.powerOff(id);
    case 'reboot-soft':
      return driver.reboot(id, 'soft');
    case 'reboot-hard':
      return driver.reboot(id, 'hard');
    case 'pause':
      return driver.pause(id);
    case 'unpause':
      return driver.unpause(id);
    case 'suspend':
      return driver.suspend(id);
    case 'resume':
      return driver.resume(id);
    case 'snapshot':
      if (!a.targetImageId) throw new DriverError('snapshot needs the target image');
      return driver.snapshot(id, a.targetImageId);
    case 'resize':
      if (!a.flavor) throw new DriverError('resize needs the new flavor sizes');
      return driver.resize(id, a.flavor);
    case 'confirm-resize':
      return driver.confirmResize(id);
    case 'revert-resize':
      if (!a.flavor) throw new DriverError('revert-resize needs the old flavor sizes');
      return driver.revertResize(id, a.flavor);
  }
}

/**
 * Handles `instance-action`: runs the step and reports the outcome as a durable `node-result` job
 * on the conductor queue (never only an event). The result's id is derived from the action's, so
 * an action redelivered after a crash reports once; the conductor ignores a stale one anyway.
 */
export function instanceActionHandler(node: string, driver: ComputeDriver, sources: GuestSources, results: Queue, locks: InstanceLocks, log: Logger) {
  return async (job: Job): Promise<NodeResultJob> => {
    const a = InstanceActionJobSchema.parse(job.data);
    const l = log.child({ instanceId: a.instanceId, step: a.step, attempt: a.attempt, requestId: a.requestId, jobId: job.id });
    const startedAt = new Date().toISOString();
    const outcome = await locks.run(a.instanceId, async () => {
      try {
        await runStep(driver, sources, a);
        const powerState = a.step === 'destroy' ? 0 : await driver.getInfo(a.instanceId).then((i) => i.powerState, () => undefined);
        return { outcome: 'success' as const, powerState };
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        l.warn({ err, fake: driver.fake }, 'instance step failed');
        return { outcome: 'failure' as const, fault: { message, details: err instanceof DriverError ? undefined : (err as Error).stack } };
      }
    });
    const result = NodeResultJobSchema.parse({
      node,
      requestId: a.requestId,
      resource: { type: 'instance', id: a.instanceId },
      step: a.step,
      attempt: a.attempt,
      startedAt,
      finishedAt: new Date().toISOString(),
      ...outcome,
    });
    await results.add(JobName.NodeResult, result, { jobId: jobId('result', a.step, a.instanceId, a.attempt, a.requestId) });
    l.info({ outcome: result.outcome, fake: driver.fake }, 'instance step done');
    return result;
  };
}
