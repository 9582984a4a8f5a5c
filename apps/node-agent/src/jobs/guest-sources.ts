import type { InstanceActionJob } from '@nimbus/shared/queues';
import { DriverError, type ComputeDriver, type InstanceSpec } from '../drivers/compute/driver.js';
import type { ImageCache } from '../images/cache.js';
import type { MetadataClient } from '../metadata/client.js';

/** Where a guest's bytes come from: the node's verified image cache and the metadata service. */
export interface GuestSources {
  images: Pick<ImageCache, 'fetchImage' | 'unpin'>;
  metadata: Pick<MetadataClient, 'configDrive'>;
}

function failed(what: string, err: unknown): DriverError {
  return new DriverError(`${what}: ${err instanceof Error ? err.message : String(err)}`);
}

/**
 * What the driver spawns from. A real driver gets the image's verified local copy (pinned for the
 * instance) and its config-drive data; the fake runs no guest, so it is spared the downloads.
 */
async function spawnSpec(driver: ComputeDriver, sources: GuestSources, a: InstanceActionJob): Promise<InstanceSpec> {
  if (!a.flavor) throw new DriverError('spawn needs the flavor sizes');
  const spec: InstanceSpec = { id: a.instanceId, name: a.name ?? a.instanceId, ...a.flavor, imageId: a.imageId };
  if (driver.fake) return spec;
  const imageId = a.imageId;
  if (!imageId) throw new DriverError('spawn needs an image: booting from a volume is not supported');
  // Both settle before anything is decided, so a failure is never followed by a late pin.
  const [image, configDrive] = await Promise.allSettled([sources.images.fetchImage(imageId, a.instanceId), sources.metadata.configDrive(a.instanceId)]);
  if (image.status === 'rejected') throw failed(`image ${imageId} could not be fetched`, image.reason);
  if (configDrive.status === 'rejected') throw failed('the config drive data could not be fetched', configDrive.reason);
  return { ...spec, imagePath: image.value.path, imageDiskFormat: image.value.diskFormat, configDrive: configDrive.value };
}

/**
 * Spawns. A failed spawn has rolled its guest back, so its image is no longer held either — unless
 * this was a redelivery whose first delivery did build the guest (it is still there).
 */
export async function spawnGuest(driver: ComputeDriver, sources: GuestSources, a: InstanceActionJob): Promise<void> {
  try {
    await driver.spawn(await spawnSpec(driver, sources, a));
  } catch (err) {
    if (!driver.fake && !(await driver.getInfo(a.instanceId).then(() => true, () => false))) await sources.images.unpin(a.instanceId);
    throw err;
  }
}

/** Destroys the guest, then lets the cache evict the image it was built on. */
export async function destroyGuest(driver: ComputeDriver, sources: GuestSources, instanceId: string): Promise<void> {
  await driver.destroy(instanceId);
  if (!driver.fake) await sources.images.unpin(instanceId);
}
