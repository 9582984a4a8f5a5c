import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HostCommandRunner } from '../exec/runner.js';

/**
 * The tiny-linux test guest (README "Guest image"), built on first use. `scripts/guest/build.sh`
 * takes its own lock and returns at once when the image is current, so test files calling this
 * at the same time each wait for one build; the first build downloads the kernel package.
 */
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const BUILD_TIMEOUT_MS = 10 * 60_000;

let pending: Promise<string> | undefined;

/** Absolute path of `tiny-linux.qcow2` (under `NIMBUS_GUEST_DIR`, default `.cache/guest`). */
export function guestImagePath(): Promise<string> {
  pending ??= build().catch((err: unknown) => {
    pending = undefined;
    throw err;
  });
  return pending;
}

async function build(): Promise<string> {
  const script = resolve(repoRoot, 'scripts/guest/build.sh');
  const { stdout } = await new HostCommandRunner().run(['bash', script], { timeoutMs: BUILD_TIMEOUT_MS, cwd: repoRoot });
  const path = stdout.trim().split('\n').pop();
  if (!path) throw new Error(`${script} printed no image path`);
  return path;
}
