import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSshKey } from '@nimbus/core/compute/keypairs-ssh';
import { createLogger } from '@nimbus/core/logger';
import { HostCommandRunner } from '../../../exec/runner.js';
import { guestImagePath } from '../../../testing/guest-image.js';
import { diskInfo, GiB } from '../disks.js';
import { DriverError, InstanceNotFound, type DriverDeps, type InstanceSpec } from '../driver.js';
import { createComputeDriver } from '../registry.js';
import { QemuComputeDriver } from './qemu-driver.js';
import { portIsFree } from './serial-ports.js';
import { countOf, typeOnSerial, waitForBoot } from '../../../testing/driver-guest.js';

/**
 * The qemu driver with real qemu (TCG) and the tiny-linux guest, one guest through most of its
 * life — boots cost CPU seconds under TCG, so the sequence boots it only where a step must.
 */
const runner = new HostCommandRunner();
const ENV = { QEMU_ACCEL: 'tcg', QEMU_SHUTDOWN_TIMEOUT_MS: '15000', QEMU_SERIAL_PORT_MIN: '10700', QEMU_SERIAL_PORT_MAX: '10799' };
const key = generateSshKey('ed25519', 'alice@example');
const id = randomUUID().replaceAll('-', '');
const uploads: { imageId: string; path: string }[] = [];

let root: string;
let image: string;
let deps: DriverDeps;
let driver: QemuComputeDriver;

beforeAll(async () => {
  image = await guestImagePath();
  root = await mkdtemp(join(tmpdir(), 'nimbus-qemu-'));
  await mkdir(join(root, 'uploads'));
  deps = {
    runner,
    log: createLogger('qemu-driver-test', 'silent'),
    stateDir: join(root, 'node'),
    images: {
      upload: async (imageId, path) => {
        const copy = join(root, 'uploads', `${imageId}.qcow2`);
        await copyFile(path, copy);
        uploads.push({ imageId, path: copy });
      },
    },
  };
  driver = newDriver();
  await driver.init();
}, 600_000);

afterAll(async () => {
  // Whatever a failed step left: every guest of this file, by its folder.
  const d = newDriver();
  for (const left of await d.listInstances().catch(() => [])) await d.destroy(left);
  await d.close();
  await driver?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

function newDriver(env: Record<string, string> = {}): QemuComputeDriver {
  return createComputeDriver('qemu', 'node-1', deps, { ...ENV, ...env }) as QemuComputeDriver;
}

function spec(over: Partial<InstanceSpec> = {}): InstanceSpec {
  return {
    id,
    name: 'web one',
    vcpus: 1,
    memoryMb: 128,
    rootGb: 1,
    imageId: 'tiny',
    imagePath: image,
    imageDiskFormat: 'qcow2',
    configDrive: { metaData: { uuid: id, name: 'web one', hostname: 'web-one', public_keys: { alice: key.publicKey }, launch_index: 0, availability_zone: 'nova' } },
    ...over,
  };
}


async function qemuProcesses(): Promise<string[]> {
  const { stdout } = await runner.run(['pgrep', '-f', `nimbus-${id}`], { okCodes: [0, 1] });
  return stdout.split('\n').filter(Boolean);
}

const power = async () => (await driver.getInfo(id)).powerState;
const paths = () => ({ dir: join(deps.stateDir, 'instances', id), disk: join(deps.stateDir, 'instances', id, 'disk.qcow2') });

describe('qemu compute driver', () => {
  it('reports itself: QEMU, its version, TCG as asked, and the host capacity', async () => {
    expect(driver.hypervisorType).toBe('QEMU');
    expect(driver.hypervisorVersion).toBeGreaterThanOrEqual(7_000_000);
    expect(driver.capabilities.accelKvm).toBe(false);
    expect(driver.capabilities.supportsSerialConsole).toBe(true);
    const cap = await driver.getAvailableResource();
    expect(cap.memoryFreeMb).toBe(cap.memoryMb);
    expect(cap.diskFreeGb).toBeGreaterThan(0);
  });

  it('rolls a failed spawn back: nothing left on disk, no process', async () => {
    await expect(driver.spawn(spec({ imagePath: join(root, 'no-such-image') }))).rejects.toBeInstanceOf(DriverError);
    expect(await readdir(join(deps.stateDir, 'instances'))).toEqual([]);
    // qemu itself refuses this one, after the disks were made.
    await expect(driver.spawn(spec({ vcpus: 4096 }))).rejects.toThrow(/Spawning instance .* failed: .*CPU/i);
    expect(await readdir(join(deps.stateDir, 'instances'))).toEqual([]);
    expect(await qemuProcesses()).toEqual([]);
    await expect(driver.spawn(spec({ imageDiskFormat: 'aki' }))).rejects.toThrow(/Disk format "aki"/);
  }, 60_000);

  it('spawns a guest that boots with its config drive: identity, key fingerprint, disks', async () => {
    await driver.spawn(spec());
    expect(await power()).toBe(1);
    const boot = await waitForBoot(driver, id, 1);
    expect(boot).toContain('\nhostname: web-one\n');
    expect(boot).toContain(`\ninstance-id: ${id}\n`);
    expect(boot).toContain(`\nssh-key: alice ${key.fingerprint}\n`);
    expect(boot).toContain(`\ndisk: vda ${GiB}\n`);
    expect(boot).toMatch(/\ndisk: vdb \d+\n/);
    const [pid] = await qemuProcesses();
    await driver.spawn(spec());
    expect(await qemuProcesses()).toEqual([pid]);
    expect(await driver.listInstances()).toEqual([id]);
    const cap = await driver.getAvailableResource();
    expect(cap.memoryMb - cap.memoryFreeMb).toBe(128);
    expect(await driver.getConsoleOutput(id, 1)).not.toContain('\n');
  }, 90_000);

  it('serves the serial console on TCP: a shell answers', async () => {
    expect(await typeOnSerial(driver, id, 'echo hello', /\nhello\r?\n/)).toContain('hello');
  });

  it('pauses and unpauses (QMP stop/cont)', async () => {
    await driver.pause(id);
    expect(await power()).toBe(3);
    await driver.pause(id);
    await driver.unpause(id);
    expect(await power()).toBe(1);
  });

  it('snapshots the running guest into a flat qcow2 it uploads, and keeps it running', async () => {
    const imageId = randomUUID().replaceAll('-', '');
    await driver.snapshot(id, imageId);
    expect(uploads.map((u) => u.imageId)).toEqual([imageId]);
    const info = await diskInfo(runner, uploads[0]!.path, 'qcow2');
    expect(info.backingFile).toBeUndefined();
    expect(info.virtualSize).toBe(GiB);
    expect(await power()).toBe(1);
    expect(await readdir(paths().dir)).not.toContain('snapshot.qcow2');
  }, 60_000);

  it('reboots hard: the guest boots again in the same process', async () => {
    const before = await qemuProcesses();
    await driver.reboot(id, 'hard');
    await waitForBoot(driver, id, 2);
    expect(await qemuProcesses()).toEqual(before);
  }, 90_000);

  it('is adopted by a restarted agent: same process, spawn is a no-op', async () => {
    const before = await qemuProcesses();
    await driver.close();
    driver = newDriver();
    await driver.init();
    expect(await driver.listInstances()).toEqual([id]);
    expect(await power()).toBe(1);
    await driver.spawn(spec());
    expect(await qemuProcesses()).toEqual(before);
    expect(before).toHaveLength(1);
  }, 60_000);

  it('suspends to a file and resumes the same running guest (no new boot)', async () => {
    await driver.suspend(id);
    expect(await qemuProcesses()).toEqual([]);
    expect(await power()).toBe(7);
    await driver.suspend(id);
    await driver.resume(id);
    expect(await power()).toBe(1);
    expect(await typeOnSerial(driver, id, 'echo resumed-$((40+2))', /\nresumed-42\r?\n/)).toContain('resumed-42');
    expect(countOf(await driver.getConsoleOutput(id), 'NIMBUS_BOOT_OK')).toBe(2);
    expect(await readdir(paths().dir)).not.toContain('memory.state');
  }, 90_000);

  it('resizes a running guest: it comes back bigger; confirm drops the backup', async () => {
    await driver.resize(id, { vcpus: 1, memoryMb: 192, rootGb: 2 });
    expect(await driver.getInfo(id)).toMatchObject({ powerState: 1, memoryMb: 192 });
    expect(await readdir(paths().dir)).toContain('disk.qcow2.resize-backup');
    expect(await waitForBoot(driver, id, 3)).toContain(`\ndisk: vda ${2 * GiB}\n`);
    const [pid] = await qemuProcesses();
    await driver.resize(id, { vcpus: 1, memoryMb: 192, rootGb: 2 });
    expect(await qemuProcesses()).toEqual([pid]);
    await driver.confirmResize(id);
    await driver.confirmResize(id);
    expect(await readdir(paths().dir)).not.toContain('disk.qcow2.resize-backup');
  }, 120_000);

  it('reboots soft: ACPI power-off, then a fresh qemu', async () => {
    const [before] = await qemuProcesses();
    await driver.reboot(id, 'soft');
    expect(await power()).toBe(1);
    await waitForBoot(driver, id, 4);
    const after = await qemuProcesses();
    expect(after).toHaveLength(1);
    expect(after).not.toEqual([before]);
  }, 120_000);

  it('reads a guest killed behind its back as shutdown, and powers it on again from spec.json', async () => {
    const [pid] = await qemuProcesses();
    process.kill(Number(pid), 'SIGKILL');
    for (let i = 0; i < 50 && (await qemuProcesses()).length; i++) await sleep(100);
    expect(await power()).toBe(4);
    await driver.powerOn(id);
    await driver.powerOn(id);
    expect(await power()).toBe(1);
    expect(await waitForBoot(driver, id, 5)).toContain(`\ndisk: vda ${2 * GiB}\n`);
    expect(await qemuProcesses()).toHaveLength(1);
  }, 120_000);

  it('powers off through ACPI: the process ends, the state is shutdown, the console is closed', async () => {
    const started = Date.now();
    await driver.powerOff(id);
    // Well inside QEMU_SHUTDOWN_TIMEOUT_MS: the guest itself powered off.
    expect(Date.now() - started).toBeLessThan(12_000);
    expect(await qemuProcesses()).toEqual([]);
    expect(await power()).toBe(4);
    await driver.powerOff(id);
    await expect(driver.getSerialConsole(id)).rejects.toThrow(/not running/);
    await expect(driver.pause(id)).rejects.toThrow(/not running/);
  }, 60_000);

  it('resizes a stopped guest without starting it, and reverts to the old disk and sizes', async () => {
    await driver.resize(id, { vcpus: 2, memoryMb: 256, rootGb: 3 });
    expect(await driver.getInfo(id)).toMatchObject({ powerState: 4, vcpus: 2, memoryMb: 256 });
    expect((await diskInfo(runner, paths().disk, 'qcow2')).virtualSize).toBe(3 * GiB);
    await driver.revertResize(id, { vcpus: 1, memoryMb: 192, rootGb: 2 });
    await driver.revertResize(id, { vcpus: 1, memoryMb: 192, rootGb: 2 });
    expect(await driver.getInfo(id)).toMatchObject({ powerState: 4, vcpus: 1, memoryMb: 192 });
    expect((await diskInfo(runner, paths().disk, 'qcow2')).virtualSize).toBe(2 * GiB);
    expect(await readdir(paths().dir)).not.toContain('disk.qcow2.resize-backup');
    expect(await qemuProcesses()).toEqual([]);
  });

  it('destroys a running guest: no process, no folder, the serial port free again; destroying twice succeeds', async () => {
    // No need to wait for its boot: destroy ends the process whatever the guest does.
    await driver.powerOn(id);
    expect(await qemuProcesses()).toHaveLength(1);
    const { port, host } = await driver.getSerialConsole(id);
    await driver.destroy(id);
    expect(await qemuProcesses()).toEqual([]);
    await expect(stat(paths().dir)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await portIsFree(host, port)).toBe(true);
    await driver.destroy(id);
    await expect(driver.getInfo(id)).rejects.toBeInstanceOf(InstanceNotFound);
    expect(await driver.listInstances()).toEqual([]);
  }, 60_000);
});
