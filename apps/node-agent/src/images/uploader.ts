import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { ImageUploader } from '../drivers/compute/driver.js';
import { serviceFetch, type ServiceToken } from './service-token.js';

export class ImageUploadError extends Error {}

/**
 * Sends snapshot data into the image service as the node's service user: the file is streamed
 * from disk (a snapshot is as large as the disk; it is never held in memory), with its length,
 * so Glance can check it got every byte.
 */
export class ServiceImageUploader implements ImageUploader {
  constructor(private readonly opts: { imageUrl: string; token: ServiceToken; fetch?: typeof fetch }) {}

  async upload(imageId: string, filePath: string): Promise<void> {
    const { size } = await stat(filePath);
    const res = await serviceFetch(
      this.opts.token,
      `${this.opts.imageUrl}/v2/images/${encodeURIComponent(imageId)}/file`,
      {
        method: 'PUT',
        headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(size) },
        // A fresh stream per attempt: a retried request cannot reuse a consumed one.
        body: () => Readable.toWeb(createReadStream(filePath)) as ReadableStream<Uint8Array>,
      },
      this.opts.fetch,
    );
    if (res.status < 300) {
      await res.body?.cancel();
      return;
    }
    const detail = await res.text().catch(() => '');
    throw new ImageUploadError(`upload of image ${imageId} failed: HTTP ${res.status} ${detail.slice(0, 300)}`.trim());
  }
}
