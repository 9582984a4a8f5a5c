import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DriverError } from '../driver.js';
import { LaunchSpecSchema, readJsonFile, writeJsonAtomic, type LaunchSpec } from './spec-file.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nimbus-spec-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

const spec: LaunchSpec = { id: 'x', name: 'vm', vcpus: 1, memoryMb: 128, rootGb: 1, imageFormat: 'raw', serialHost: '127.0.0.1', serialPort: 10001 };

describe('spec.json', () => {
  it('round-trips through an atomic write, leaving no temporary file', async () => {
    const path = join(dir, 'spec.json');
    await writeJsonAtomic(path, spec);
    expect(await readJsonFile(path, LaunchSpecSchema)).toEqual(spec);
    await writeJsonAtomic(path, { ...spec, memoryMb: 256 });
    expect((await readJsonFile(path, LaunchSpecSchema))?.memoryMb).toBe(256);
    expect(await readdir(dir)).toEqual(['spec.json']);
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ serialPort: 10001 });
  });

  it('reads a missing file as undefined and a damaged one as a DriverError naming the file and field', async () => {
    expect(await readJsonFile(join(dir, 'none.json'), LaunchSpecSchema)).toBeUndefined();
    const broken = join(dir, 'broken.json');
    await writeFile(broken, '{"id":');
    await expect(readJsonFile(broken, LaunchSpecSchema)).rejects.toThrow(new DriverError(`${broken} is not valid JSON.`));
    const wrong = join(dir, 'wrong.json');
    await writeFile(wrong, JSON.stringify({ ...spec, serialPort: 0 }));
    await expect(readJsonFile(wrong, LaunchSpecSchema)).rejects.toThrow(/wrong\.json: serialPort: /);
  });
});
