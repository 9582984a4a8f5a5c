import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NotFound } from '@nimbus/shared';
import { FileImageStore, StoreSizeExceeded } from './store.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'nimbus-store-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

function chunks(...parts: Buffer[]): Readable {
  return Readable.from(parts);
}

describe('FileImageStore', () => {
  it('writes a stream and reports size, md5 and sha512; reads it back', async () => {
    const store = new FileImageStore(join(root, 'images'));
    const a = randomBytes(70_000);
    const b = randomBytes(5);
    const all = Buffer.concat([a, b]);
    const out = await store.put('img-1', chunks(a, b));
    expect(out).toEqual({ size: all.length, md5: createHash('md5').update(all).digest('hex'), sha512: createHash('sha512').update(all).digest('hex') });
    expect((await readFile(join(root, 'images', 'img-1'))).equals(all)).toBe(true);
    const got = await store.get('img-1');
    expect(got.size).toBe(all.length);
    const read: Buffer[] = [];
    for await (const c of got.stream) read.push(c as Buffer);
    expect(Buffer.concat(read).equals(all)).toBe(true);
  });

  it('leaves the old object and no temporary file when a write fails', async () => {
    const store = new FileImageStore(root);
    await store.put('img-2', chunks(Buffer.from('old')));
    const failing = new Readable({
      read() {
        this.push(Buffer.from('partial'));
        this.destroy(new Error('connection reset'));
      },
    });
    await expect(store.put('img-2', failing)).rejects.toThrow('connection reset');
    await expect(store.put('img-2', chunks(randomBytes(100)), { maxBytes: 10 })).rejects.toBeInstanceOf(StoreSizeExceeded);
    expect(await readdir(root)).toEqual(['img-2']);
    expect(await readFile(join(root, 'img-2'), 'utf8')).toBe('old');
  });

  it('deletes idempotently, answers NotFound for a missing object, refuses path-like keys', async () => {
    const store = new FileImageStore(root);
    await store.put('img-3', chunks(Buffer.from('x')));
    await store.delete('img-3');
    await store.delete('img-3');
    await expect(store.get('img-3')).rejects.toBeInstanceOf(NotFound);
    await expect(store.put('../escape', chunks(Buffer.from('x')))).rejects.toThrow(/invalid image store key/);
  });
});
