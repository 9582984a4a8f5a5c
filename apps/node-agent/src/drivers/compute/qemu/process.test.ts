import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { killProcess, livePid, readPid, waitForExit } from './process.js';

const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

describe('finding a guest process again', () => {
  it('recognises the process by pid file and marker, kills only it, and sees it gone', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'nimbus-proc-'));
    dirs.push(dir);
    const marker = `nimbus-test-${process.pid}-${Date.now()}`;
    // `sh -c CMD NAME` puts NAME in the command line, as `-name ...,process=nimbus-<id>` does for qemu.
    const child = spawn('sh', ['-c', 'sleep 30', marker], { stdio: 'ignore' });
    const pidFile = join(dir, 'qemu.pid');
    await writeFile(pidFile, `${child.pid}\n`);
    expect(await readPid(pidFile)).toBe(child.pid);
    expect(await livePid(pidFile, marker)).toBe(child.pid);
    // A pid that is alive but someone else's (a recycled pid) is not the guest, and is left alone.
    expect(await livePid(pidFile, 'nimbus-someone-else')).toBeUndefined();
    await killProcess(child.pid!, 'nimbus-someone-else');
    expect(await waitForExit(child.pid!, marker, 100)).toBe(false);
    await killProcess(child.pid!, marker);
    expect(await waitForExit(child.pid!, marker, 5000)).toBe(true);
    expect(await livePid(pidFile, marker)).toBeUndefined();
  });

  it('reads a missing or garbled pid file as no process', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'nimbus-proc-'));
    dirs.push(dir);
    expect(await readPid(join(dir, 'none'))).toBeUndefined();
    await writeFile(join(dir, 'bad'), 'x\n');
    expect(await readPid(join(dir, 'bad'))).toBeUndefined();
  });
});
