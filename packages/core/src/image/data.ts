import type { Readable } from 'node:stream';
import { BadRequest, Conflict, Forbidden, PayloadTooLarge } from '@nimbus/shared';
import type { Image } from '@nimbus/db';
import { requireAuth, type RequestContext } from '../identity/context.js';
import { findVisibleImage, isImageAdmin } from './access.js';
import { StoreSizeExceeded, type ImageStore } from './store.js';

/**
 * `PUT /v2/images/{id}/file`: queued → saving (compare-and-set, so two uploads never race),
 * the data streamed into the store while md5 and sha512 are computed, then saving → active.
 * A failed upload leaves the image killed and no data behind.
 */
export async function uploadImageData(ctx: RequestContext, store: ImageStore, id: string, data: Readable, opts: { maxBytes?: number } = {}): Promise<Image> {
  const image = await findVisibleImage(ctx, id, 'image:images:upload');
  if (image.status !== 'queued') throw new Conflict(`Image status transition from ${image.status} to saving is not allowed`);
  if (!image.diskFormat || !image.containerFormat) {
    throw new BadRequest('Properties disk_format, container_format must be set prior to saving data.', { field: image.diskFormat ? 'container_format' : 'disk_format' });
  }
  const claimed = await ctx.db.image.updateMany({ where: { id, status: 'queued' }, data: { status: 'saving' } });
  if (claimed.count === 0) throw new Conflict('Image status transition from saving to saving is not allowed');
  let stored;
  try {
    stored = await store.put(id, data, opts);
  } catch (e) {
    await ctx.db.image.updateMany({ where: { id, status: 'saving' }, data: { status: 'killed' } });
    ctx.log.warn({ err: e, imageId: id }, 'image upload failed; image killed');
    if (e instanceof StoreSizeExceeded) throw new PayloadTooLarge(`Image exceeds the storage quota: ${e.message}`);
    throw new BadRequest(`Image upload failed: ${(e as Error).message}`);
  }
  const done = await ctx.db.image.updateMany({
    where: { id, status: 'saving' },
    data: { status: 'active', size: BigInt(stored.size), checksum: stored.md5, osHashAlgo: 'sha512', osHashValue: stored.sha512, location: id },
  });
  if (done.count === 0) {
    // Deleted (or killed) while the bytes were on their way: keep nothing.
    await store.delete(id);
    throw new Conflict(`Image ${id} was deleted during the upload.`);
  }
  return ctx.db.image.findUniqueOrThrow({ where: { id } });
}

/** The image's data, or null when it has none yet (Glance answers 204). */
export async function openImageData(ctx: RequestContext, store: ImageStore, id: string): Promise<{ image: Image; size: number; stream: Readable } | null> {
  const image = await findVisibleImage(ctx, id, 'image:images:download');
  if (image.status === 'deactivated' && !isImageAdmin(requireAuth(ctx))) {
    throw new Forbidden('The requested image has been deactivated. Image data download is forbidden.');
  }
  if (!image.location || (image.status !== 'active' && image.status !== 'deactivated')) return null;
  const { size, stream } = await store.get(image.location);
  return { image, size, stream };
}
