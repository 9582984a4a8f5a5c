import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { NotFound } from '@nimbus/shared';

/** What a store learned while writing an object: Glance's `size`, `checksum` and `os_hash_value`. */
export interface StoredObject {
  size: number;
  md5: string;
  sha512: string;
}

/**
 * Where image bytes live. Keys are store-relative (the image id); values are streamed both
 * ways, never held whole in memory, so a file store now and the object store later are
 * interchangeable.
 */
export interface ImageStore {
  /** Writes `data` under `key` atomically: readers see the old object or the whole new one, never a part. */
  put(key: string, data: Readable, opts?: { maxBytes?: number }): Promise<StoredObject>;
  /** The object's bytes; NotFound when there is none. */
  get(key: string): Promise<{ size: number; stream: Readable }>;
  /** Removes the object; a missing one is not an error. */
  delete(key: string): Promise<void>;
}

/** Thrown by `put` when the data passes `maxBytes`; the partial object is discarded. */
export class StoreSizeExceeded extends Error {}

/** Counts and hashes what flows through it. */
export class HashingCounter extends Transform {
  size = 0;
  private readonly md5 = createHash('md5');
  private readonly sha512 = createHash('sha512');

  constructor(private readonly maxBytes = Infinity) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: (err?: Error | null, data?: Buffer) => void): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) return done(new StoreSizeExceeded(`image data exceeds ${this.maxBytes} bytes`));
    this.md5.update(chunk);
    this.sha512.update(chunk);
    done(null, chunk);
  }

  digests(): StoredObject {
    return { size: this.size, md5: this.md5.digest('hex'), sha512: this.sha512.digest('hex') };
  }
}

const KEY = /^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/;

/** Image objects as files under one directory; writes go to a temporary file renamed into place. */
export class FileImageStore implements ImageStore {
  constructor(readonly root: string) {}

  private path(key: string): string {
    if (!KEY.test(key)) throw new Error(`invalid image store key: ${key}`);
    return join(this.root, key);
  }

  async put(key: string, data: Readable, opts: { maxBytes?: number } = {}): Promise<StoredObject> {
    const target = this.path(key);
    await mkdir(this.root, { recursive: true });
    const temp = join(this.root, `.tmp-${key}-${randomBytes(6).toString('hex')}`);
    const counter = new HashingCounter(opts.maxBytes);
    try {
      await pipeline(data, counter, createWriteStream(temp, { flags: 'wx', flush: true }));
      await rename(temp, target);
    } catch (e) {
      await rm(temp, { force: true });
      throw e;
    }
    return counter.digests();
  }

  async get(key: string): Promise<{ size: number; stream: Readable }> {
    const path = this.path(key);
    try {
      const { size } = await stat(path);
      return { size, stream: createReadStream(path) };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new NotFound(`Image data ${key} not found in the store.`);
      throw e;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }
}

const stores = new Map<string, FileImageStore>();

/** The image store of a data directory (`<NIMBUS_DATA_DIR>/images`), one per directory and process. */
export function fileImageStore(dataDir: string): FileImageStore {
  const root = join(dataDir, 'images');
  let store = stores.get(root);
  if (!store) {
    store = new FileImageStore(root);
    stores.set(root, store);
  }
  return store;
}
