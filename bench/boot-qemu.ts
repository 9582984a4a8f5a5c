import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HostCommandRunner } from '../apps/node-agent/src/exec/runner.js';

/**
 * The bare-qemu half of bench/boot: how long qemu alone takes from process start to the guest's
 * `NIMBUS_BOOT_OK`, with what a nimbus qemu guest gets — TCG (KVM does not run guests on these
 * machines), an i440fx machine, 128 MB (m1.nano), the image behind a qcow2 overlay on a virtio
 * disk. The serial port is qemu's stdout, read as it comes, so the time is not rounded to a poll.
 */
const MARKER = 'NIMBUS_BOOT_OK';
const TIMEOUT_MS = 120_000;

/** One boot, in milliseconds; qemu is killed as soon as the marker shows (median-of-N is the caller's). */
export async function bareQemuBootMs(imagePath: string): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'nimbus-bench-boot-'));
  try {
    const overlay = join(dir, 'root.qcow2');
    await new HostCommandRunner().run(['qemu-img', 'create', '-q', '-f', 'qcow2', '-F', 'qcow2', '-b', imagePath, overlay]);
    return await timeToMarker([
      '-accel', 'tcg', '-machine', 'pc', '-m', '128', '-nodefaults', '-no-user-config', '-display', 'none',
      '-drive', `file=${overlay},format=qcow2,if=virtio`,
      '-serial', 'stdio',
    ]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function timeToMarker(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const qemu = spawn('qemu-system-x86_64', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let seen = '';
    let stderr = '';
    let result: { ms: number } | { error: Error } | undefined;
    const finish = (r: { ms: number } | { error: Error }) => {
      result ??= r;
      qemu.kill('SIGKILL');
    };
    const timer = setTimeout(() => finish({ error: new Error(`no ${MARKER} within ${TIMEOUT_MS} ms`) }), TIMEOUT_MS);
    qemu.stdout.on('data', (chunk: Buffer) => {
      // Keep a marker's length of the previous chunk: the marker may straddle two.
      seen = seen.slice(-MARKER.length) + chunk.toString('latin1');
      if (seen.includes(MARKER)) finish({ ms: performance.now() - started });
    });
    qemu.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    qemu.once('error', (err) => finish({ error: err }));
    // Settles only once qemu is gone, so no run overlaps the next.
    qemu.once('close', (code) => {
      clearTimeout(timer);
      const r = result ?? { error: new Error(`qemu exited with ${code} before ${MARKER}: ${stderr.trim()}`) };
      if ('ms' in r) resolve(r.ms);
      else reject(r.error);
    });
  });
}
