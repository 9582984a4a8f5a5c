import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { access, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@nimbus/core/logger';
import { HostCommandRunner } from '../../../exec/runner.js';
import { guestImagePath } from '../../../testing/guest-image.js';
import type { DriverDeps } from '../driver.js';
import { createComputeDriver } from '../registry.js';
import { probeAccel, probeGuestRuns } from './accel.js';

/**
 * The accelerator probe with real qemu, checked against the truth it stands for: whether the
 * tiny-linux guest really boots under KVM on this host. (On hosts whose /dev/kvm only runs PVM
 * guests it does not: qemu reports `internal-error`, which getInfo reads as crashed.)
 */
const runner = new HostCommandRunner();
const binary = 'qemu-system-x86_64';
let root: string;
let deps: DriverDeps;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'nimbus-qemu-accel-'));
  deps = { runner, images: { upload: async () => {} }, log: createLogger('accel-test', 'silent'), stateDir: root };
});
afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

/** Live probe qemus (a dead one waits as a zombie until init reaps it; only its short name is left, not `process=`). */
const leftovers = async () => {
  const { stdout } = await runner.run(['pgrep', '-af', 'process=nimbus-accel-'], { okCodes: [0, 1] });
  const dirs = (await readdir(tmpdir())).filter((d) => d.startsWith('nimbus-accel-'));
  return { processes: stdout.split('\n').filter(Boolean), dirs };
};

/** Boots the real guest under KVM: true once it printed its boot marker, false once qemu says it crashed. */
async function realGuestRunsUnderKvm(): Promise<boolean> {
  const driver = createComputeDriver('qemu', 'n1', deps, { QEMU_ACCEL: 'kvm', QEMU_SERIAL_PORT_MIN: '10800', QEMU_SERIAL_PORT_MAX: '10899' });
  await driver.init();
  const id = randomUUID().replaceAll('-', '');
  try {
    await driver.spawn({ id, name: 'kvm-check', vcpus: 1, memoryMb: 128, rootGb: 1, imagePath: await guestImagePath(), imageDiskFormat: 'qcow2' });
    const deadline = Date.now() + 60_000;
    for (;;) {
      if ((await driver.getConsoleOutput(id)).includes('NIMBUS_BOOT_OK')) return true;
      if ((await driver.getInfo(id)).powerState === 6) return false;
      if (Date.now() > deadline) throw new Error('the guest neither booted nor crashed under KVM');
      await sleep(200);
    }
  } finally {
    await driver.destroy(id);
    await driver.close();
  }
}

describe('accelerator probe on this host', () => {
  it('the probe guest runs under TCG (its boot sector is right), and nothing is left behind', async () => {
    expect(await probeGuestRuns({ runner, binary }, 'tcg')).toBe(true);
    expect(await leftovers()).toEqual({ processes: [], dirs: [] });
  }, 30_000);

  it('chooses KVM exactly when a real guest boots under it', async () => {
    const kvmOpens = await access('/dev/kvm', constants.R_OK | constants.W_OK).then(
      () => true,
      () => false,
    );
    const chosen = await probeAccel({ runner, binary });
    expect(await leftovers()).toEqual({ processes: [], dirs: [] });
    if (!kvmOpens) return expect(chosen).toBe('tcg');
    expect(chosen).toBe((await realGuestRunsUnderKvm()) ? 'kvm' : 'tcg');
  }, 120_000);
});
