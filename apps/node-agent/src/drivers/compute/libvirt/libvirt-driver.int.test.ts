import { randomUUID } from 'node:crypto';
import { copyFile, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSshKey } from '@nimbus/core/compute/keypairs-ssh';
import { createLogger } from '@nimbus/core/logger';
import { HostCommandRunner } from '../../../exec/runner.js';
import { guestImagePath } from '../../../testing/guest-image.js';
import { diskInfo, GiB } from '../disks.js';
import { DriverError, InstanceNotFound, type DriverDeps, type InstanceSpec } from '../driver.js';
import { portIsFree } from '../qemu/serial-ports.js';
import { createComputeDriver } from '../registry.js';
import type { LibvirtComputeDriver } from './libvirt-driver.js';
import { countOf, typeOnSerial, waitForBoot } from '../../../testing/driver-guest.js';

/**
 * The libvirt driver against the host's real libvirtd (started by scripts/libvirt.sh when it is
 * not running) with the tiny-linux guest under TCG: one guest through its life, booted only where
 * a step must (spawn, hard reboot, power-on) — the rest works on a guest that is already up or off.
 */
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../../..');
const runner = new HostCommandRunner();
const URI = 'qemu:///system';
const ENV = { LIBVIRT_URI: URI, LIBVIRT_VIRT_TYPE: 'qemu', LIBVIRT_SHUTDOWN_TIMEOUT_MS: '15000', LIBVIRT_SERIAL_PORT_MIN: '11700', LIBVIRT_SERIAL_PORT_MAX: '11799' };
const key = generateSshKey('ed25519', 'alice@example');
const id = randomUUID().replaceAll('-', '');
const domain = `nimbus-${id}`;
const name = `web <&'"> one`;
const uploads: { imageId: string; path: string }[] = [];

let root: string;
let image: string;
let deps: DriverDeps;
let driver: LibvirtComputeDriver;

beforeAll(async () => {
  await runner.run(['bash', join(repoRoot, 'scripts/libvirt.sh'), 'start'], { timeoutMs: 120_000 });
  image = await guestImagePath();
  root = await mkdtemp(join(tmpdir(), 'nimbus-libvirt-'));
  deps = {
    runner,
    log: createLogger('libvirt-driver-test', 'silent'),
    stateDir: join(root, 'node'),
    images: {
      upload: async (imageId, path) => {
        const copy = join(root, `${imageId}.qcow2`);
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
  for (const left of await readdir(join(deps.stateDir, 'instances')).catch(() => [])) await d.destroy(left);
  if (root) await rm(root, { recursive: true, force: true });
  // libvirt's own log of the domain's qemu (command line, errors) outlives the domain.
  await rm(`/var/log/libvirt/qemu/${domain}.log`, { force: true });
});

function newDriver(): LibvirtComputeDriver {
  return createComputeDriver('libvirt', 'node-1', deps, ENV) as LibvirtComputeDriver;
}

function spec(over: Partial<InstanceSpec> = {}): InstanceSpec {
  return {
    id,
    name,
    vcpus: 1,
    memoryMb: 128,
    rootGb: 1,
    imageId: 'tiny',
    imagePath: image,
    imageDiskFormat: 'qcow2',
    configDrive: { metaData: { uuid: id, name, hostname: 'web-one', public_keys: { alice: key.publicKey }, launch_index: 0, availability_zone: 'nova' } },
    ...over,
  };
}

const virsh = async (...args: string[]) => (await runner.run(['virsh', '-c', URI, ...args], { okCodes: [0, 1] })).stdout;
const power = async () => (await driver.getInfo(id)).powerState;
const instanceDir = () => join(deps.stateDir, 'instances', id);

async function qemuProcesses(): Promise<string[]> {
  const { stdout } = await runner.run(['pgrep', '-f', `guest=${domain}`], { okCodes: [0, 1] });
  return stdout.split('\n').filter(Boolean);
}

describe('libvirt compute driver', () => {
  it('reports itself: QEMU through libvirt, its version, TCG as asked', async () => {
    expect(driver.name).toBe('libvirt');
    expect(driver.hypervisorType).toBe('QEMU');
    expect(driver.hypervisorVersion).toBeGreaterThanOrEqual(7_000_000);
    expect(driver.capabilities.accelKvm).toBe(false);
    expect(driver.capabilities.supportsSerialConsole).toBe(true);
    expect((await driver.getAvailableResource()).diskFreeGb).toBeGreaterThan(0);
  });

  it('rolls a failed spawn back: no domain, no folder', async () => {
    await expect(driver.spawn(spec({ imagePath: join(root, 'no-such-image') }))).rejects.toBeInstanceOf(DriverError);
    // libvirt refuses this definition, after the disks were made.
    await expect(driver.spawn(spec({ vcpus: 4096 }))).rejects.toThrow(/Spawning instance \w+ failed: [\s\S]*Maximum CPUs/);
    // And qemu this start (4 TiB of memory), after the domain was defined.
    await expect(driver.spawn(spec({ memoryMb: 4 * 1024 * 1024 }))).rejects.toThrow(/Spawning instance \w+ failed: [\s\S]*guest memory/);
    expect(await readdir(join(deps.stateDir, 'instances'))).toEqual([]);
    expect(await virsh('list', '--all', '--name')).not.toContain(domain);
    expect(await qemuProcesses()).toEqual([]);
  }, 60_000);

  it('spawns a domain that boots with its config drive: identity, key fingerprint, disks', async () => {
    await driver.spawn(spec());
    expect(await power()).toBe(1);
    const boot = await waitForBoot(driver, id, 1);
    expect(boot).toContain('\nhostname: web-one\n');
    expect(boot).toContain(`\ninstance-id: ${id}\n`);
    expect(boot).toContain(`\nssh-key: alice ${key.fingerprint}\n`);
    expect(boot).toContain(`\ndisk: vda ${GiB}\n`);
    expect(boot).toMatch(/\ndisk: vdb \d+\n/);
    // The user's name went through XML and back unchanged.
    expect(await virsh('dumpxml', domain)).toContain(`<nimbus:name>web &lt;&amp;'"&gt; one</nimbus:name>`);
    const [pid] = await qemuProcesses();
    await driver.spawn(spec());
    expect(await qemuProcesses()).toEqual([pid]);
    expect(await driver.listInstances()).toEqual([id]);
  }, 90_000);

  it('serves the serial console on TCP: a shell answers', async () => {
    expect(await typeOnSerial(driver, id, 'echo hello', /\nhello\r?\n/)).toContain('hello');
  });

  it('snapshots the running guest into a flat qcow2 it uploads, and keeps it running', async () => {
    await driver.snapshot(id, 'snap-1');
    expect(uploads.map((u) => u.imageId)).toEqual(['snap-1']);
    const info = await diskInfo(runner, uploads[0]!.path, 'qcow2');
    expect(info.backingFile).toBeUndefined();
    expect(info.virtualSize).toBe(GiB);
    expect(await power()).toBe(1);
    expect(await readdir(instanceDir())).not.toContain('snapshot.qcow2');
  }, 60_000);

  it('pauses and unpauses; suspends to a managed save and resumes the same guest', async () => {
    await driver.pause(id);
    expect(await power()).toBe(3);
    await driver.unpause(id);
    await driver.suspend(id);
    expect(await qemuProcesses()).toEqual([]);
    expect(await power()).toBe(7);
    await driver.suspend(id);
    await driver.resume(id);
    expect(await power()).toBe(1);
    expect(await typeOnSerial(driver, id, 'echo resumed-$((40+2))', /\nresumed-42\r?\n/)).toContain('resumed-42');
    expect(countOf(await driver.getConsoleOutput(id), 'NIMBUS_BOOT_OK')).toBe(1);
  }, 60_000);

  it('is adopted by a restarted agent: same process, spawn is a no-op', async () => {
    const before = await qemuProcesses();
    driver = newDriver();
    await driver.init();
    expect(await driver.listInstances()).toEqual([id]);
    await driver.spawn(spec());
    expect(await qemuProcesses()).toEqual(before);
    expect(before).toHaveLength(1);
  }, 30_000);

  it('reboots hard: the guest boots again in the same qemu', async () => {
    const before = await qemuProcesses();
    await driver.reboot(id, 'hard');
    await waitForBoot(driver, id, 2);
    expect(await qemuProcesses()).toEqual(before);
  }, 90_000);

  it('powers off through ACPI: the domain is shut off, its qemu gone, the console closed', async () => {
    const started = Date.now();
    await driver.powerOff(id);
    // Well inside LIBVIRT_SHUTDOWN_TIMEOUT_MS: the guest itself powered off.
    expect(Date.now() - started).toBeLessThan(12_000);
    expect(await virsh('domstate', domain)).toMatch(/^shut off/);
    expect(await qemuProcesses()).toEqual([]);
    expect(await power()).toBe(4);
    await driver.powerOff(id);
    await expect(driver.getSerialConsole(id)).rejects.toThrow(/not running/);
    await expect(driver.pause(id)).rejects.toThrow(/not running/);
  }, 60_000);

  it('resizes a stopped guest without starting it, reverts, resizes again and confirms', async () => {
    await driver.resize(id, { vcpus: 2, memoryMb: 192, rootGb: 2 });
    expect(await driver.getInfo(id)).toEqual({ id, powerState: 4, vcpus: 2, memoryMb: 192 });
    expect((await diskInfo(runner, join(instanceDir(), 'disk.qcow2'), 'qcow2')).virtualSize).toBe(2 * GiB);
    await driver.revertResize(id, { vcpus: 1, memoryMb: 128, rootGb: 1 });
    expect(await driver.getInfo(id)).toEqual({ id, powerState: 4, vcpus: 1, memoryMb: 128 });
    expect((await diskInfo(runner, join(instanceDir(), 'disk.qcow2'), 'qcow2')).virtualSize).toBe(GiB);
    await driver.resize(id, { vcpus: 1, memoryMb: 192, rootGb: 2 });
    await driver.confirmResize(id);
    await driver.confirmResize(id);
    expect(await readdir(instanceDir())).not.toContain('disk.qcow2.resize-backup');
  }, 60_000);

  it('powers on: the guest boots with its new sizes', async () => {
    await driver.powerOn(id);
    await driver.powerOn(id);
    expect(await driver.getInfo(id)).toMatchObject({ powerState: 1, memoryMb: 192 });
    expect(await waitForBoot(driver, id, 3)).toContain(`\ndisk: vda ${2 * GiB}\n`);
  }, 90_000);

  it('destroys: domain undefined, no qemu, no folder, the serial port free again; destroying twice succeeds', async () => {
    const { host, port } = await driver.getSerialConsole(id);
    await driver.destroy(id);
    expect(await virsh('list', '--all', '--name')).not.toContain(domain);
    expect(await qemuProcesses()).toEqual([]);
    await expect(stat(instanceDir())).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await portIsFree(host, port)).toBe(true);
    await driver.destroy(id);
    await expect(driver.getInfo(id)).rejects.toBeInstanceOf(InstanceNotFound);
    expect(await driver.listInstances()).toEqual([]);
  }, 60_000);
});
