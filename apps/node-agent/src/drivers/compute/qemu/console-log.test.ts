import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleTail } from './console-log.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nimbus-console-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe('console log tail', () => {
  it('returns the last lines, keeping their endings; everything without a count; nothing for a missing log', async () => {
    const path = join(dir, 'a.log');
    await writeFile(path, 'one\r\ntwo\r\nthree\r\n/ # ');
    expect(await consoleTail(path, 2)).toBe('three\r\n/ # ');
    expect(await consoleTail(path)).toBe('one\r\ntwo\r\nthree\r\n/ # ');
    expect(await consoleTail(path, 0)).toBe('');
    expect(await consoleTail(path, 99)).toBe('one\r\ntwo\r\nthree\r\n/ # ');
    expect(await consoleTail(join(dir, 'missing.log'))).toBe('');
  });

  it('reads at most the last bytes from a line boundary, and gives valid UTF-8 for any bytes', async () => {
    const path = join(dir, 'b.log');
    await writeFile(path, Buffer.concat([Buffer.from('first line\nsecond é line\n'), Buffer.from([0xff, 0xc3, 0x0a]), Buffer.from('last\n')]));
    const all = await consoleTail(path);
    expect(all).toBe('first line\nsecond é line\n\ufffd\ufffd\nlast\n');
    expect(Buffer.from(all, 'utf8').toString('utf8')).toBe(all);
    // 12 bytes from the end start inside "second é line": that partial line is dropped.
    expect(await consoleTail(path, undefined, 12)).toBe('\ufffd\ufffd\nlast\n');
  });
});
