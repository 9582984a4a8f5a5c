import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { Logger } from 'pino';
import { serviceFetch, type ServiceToken } from './service-token.js';

export class ImageFetchError extends Error {}

export interface ImageCacheOptions {
  /** Directory holding `<imageId>` (data) and `<imageId>.json` (what was verified). */
  dir: string;
  /** Size bound; least recently used images are evicted past it (the one just fetched stays). */
  maxBytes: number;
  /** The image service root, e.g. `http://controller:3000/image`. */
  imageUrl: string;
  token: ServiceToken;
  log?: Logger;
  fetch?: typeof fetch;
}

interface Verified {
  sha512: string;
  size: number;
}

/** A verified local copy and how to read it. */
export interface CachedImage {
  path: string;
  /** Glance's disk_format (`qcow2`, `raw`, ...): what the bytes are, for the overlay's backing format. */
  diskFormat: string;
}

interface ImageMeta {
  status: string;
  disk_format: string | null;
  size: number | null;
  os_hash_algo: string | null;
  os_hash_value: string | null;
}

const IMAGE_ID = /^[0-9a-fA-F-]{32,36}$/;
const PINS = '.pins';
const HOLDER = /^[\w-]{1,100}$/;

/**
 * A node's local copy of image data. Files enter the cache only after their sha512 matched
 * what the image service recorded at upload, and only whole (temporary file + rename); a hit
 * is trusted while the service still reports the same hash and the file has the same size.
 *
 * Guests' disks are copy-on-write overlays on these files, so an image an instance was built
 * from is pinned (a file per instance under `.pins/`) and never evicted until it is unpinned.
 */
export class ImageCache {
  private readonly inflight = new Map<string, Promise<CachedImage>>();

  constructor(private readonly opts: ImageCacheOptions) {}

  /**
   * The image's verified data, downloading it when missing or stale. With `holder` (an instance
   * id) the image is pinned for it first, so no concurrent download can evict it meanwhile.
   */
  async fetchImage(imageId: string, holder?: string): Promise<CachedImage> {
    if (!IMAGE_ID.test(imageId)) throw new ImageFetchError(`invalid image id: ${imageId}`);
    if (holder !== undefined) await this.pin(imageId, holder);
    let job = this.inflight.get(imageId);
    if (!job) {
      job = this.load(imageId).finally(() => this.inflight.delete(imageId));
      this.inflight.set(imageId, job);
    }
    return job;
  }

  /** Releases the holder's pin (after its instance is destroyed); releasing twice is fine. */
  async unpin(holder: string): Promise<void> {
    if (!HOLDER.test(holder)) throw new ImageFetchError(`invalid pin holder: ${holder}`);
    await rm(join(this.opts.dir, PINS, holder), { force: true });
  }

  private async pin(imageId: string, holder: string): Promise<void> {
    if (!HOLDER.test(holder)) throw new ImageFetchError(`invalid pin holder: ${holder}`);
    const dir = join(this.opts.dir, PINS);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, holder), imageId);
  }

  private async pinned(): Promise<Set<string>> {
    const dir = join(this.opts.dir, PINS);
    const names = await readdir(dir).catch(() => [] as string[]);
    const ids = await Promise.all(names.map((n) => readFile(join(dir, n), 'utf8').catch(() => '')));
    return new Set(ids.filter(Boolean));
  }

  private async load(imageId: string): Promise<CachedImage> {
    const meta = (await (await this.request(`/v2/images/${imageId}`)).json()) as ImageMeta;
    if (meta.status !== 'active') throw new ImageFetchError(`image ${imageId} is ${meta.status}, not active`);
    if (meta.os_hash_algo !== 'sha512' || !meta.os_hash_value) throw new ImageFetchError(`image ${imageId} has no sha512 to verify against`);
    if (!meta.disk_format) throw new ImageFetchError(`image ${imageId} has no disk_format`);
    const path = join(this.opts.dir, imageId);
    const found = { path, diskFormat: meta.disk_format };
    if (await this.isCached(imageId, meta.os_hash_value, meta.size)) {
      const now = new Date();
      await utimes(path, now, now);
      return found;
    }
    await mkdir(this.opts.dir, { recursive: true });
    const res = await this.request(`/v2/images/${imageId}/file`);
    if (res.status !== 200 || !res.body) throw new ImageFetchError(`image ${imageId} has no data (HTTP ${res.status})`);
    const temp = join(this.opts.dir, `.tmp-${imageId}-${randomBytes(6).toString('hex')}`);
    const hash = createHash('sha512');
    let size = 0;
    const tap = new Transform({
      transform(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    });
    try {
      await pipeline(Readable.fromWeb(res.body as WebReadableStream<Uint8Array>), tap, createWriteStream(temp, { flags: 'wx' }));
      const sha512 = hash.digest('hex');
      if (sha512 !== meta.os_hash_value || (meta.size !== null && size !== meta.size)) {
        throw new ImageFetchError(`image ${imageId} failed verification: got ${size} bytes with sha512 ${sha512.slice(0, 16)}…, expected ${meta.size} bytes with ${meta.os_hash_value.slice(0, 16)}…`);
      }
      await rename(temp, path);
      const record: Verified = { sha512, size };
      const metaTemp = `${temp}.json`;
      await writeFile(metaTemp, JSON.stringify(record));
      await rename(metaTemp, `${path}.json`);
    } catch (e) {
      await rm(temp, { force: true });
      throw e;
    }
    this.opts.log?.info({ imageId, size }, 'image cached');
    await this.evict(imageId);
    return found;
  }

  private async isCached(imageId: string, sha512: string, size: number | null): Promise<boolean> {
    try {
      const record = JSON.parse(await readFile(join(this.opts.dir, `${imageId}.json`), 'utf8')) as Verified;
      const st = await stat(join(this.opts.dir, imageId));
      return record.sha512 === sha512 && st.size === record.size && (size === null || size === record.size);
    } catch {
      return false;
    }
  }

  /** Drops least recently used unpinned images (by mtime, refreshed on every hit) until under the bound. */
  private async evict(keep: string): Promise<void> {
    const pinned = await this.pinned();
    const names = (await readdir(this.opts.dir)).filter((n) => IMAGE_ID.test(n));
    const entries = await Promise.all(names.map(async (name) => ({ name, st: await stat(join(this.opts.dir, name)).catch(() => null) })));
    const live = entries.filter((e): e is { name: string; st: NonNullable<typeof e.st> } => e.st !== null);
    let total = live.reduce((n, e) => n + e.st.size, 0);
    for (const e of live.sort((a, b) => a.st.mtimeMs - b.st.mtimeMs)) {
      if (total <= this.opts.maxBytes) break;
      if (e.name === keep || this.inflight.has(e.name) || pinned.has(e.name)) continue;
      await rm(join(this.opts.dir, `${e.name}.json`), { force: true });
      await rm(join(this.opts.dir, e.name), { force: true });
      total -= e.st.size;
      this.opts.log?.info({ imageId: e.name, size: e.st.size }, 'image evicted from cache');
    }
  }

  private async request(path: string): Promise<Response> {
    const res = await serviceFetch(this.opts.token, `${this.opts.imageUrl}${path}`, {}, this.opts.fetch);
    if (res.status >= 400) {
      await res.body?.cancel();
      throw new ImageFetchError(`GET ${path}: HTTP ${res.status}`);
    }
    return res;
  }
}
