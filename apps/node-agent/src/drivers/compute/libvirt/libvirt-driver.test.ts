import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '@nimbus/core/logger';
import { DriverError, InstanceNotFound, type InstanceSpec } from '../driver.js';
import { libvirtConfigFromEnv } from './config.js';
import { LibvirtComputeDriver } from './libvirt-driver.js';
import { RecordingHost } from './recording-host.js';

const id = '3f0c8e2a9b7d4c1e8f6a5b4c3d2e1f00';
const other = '9a8b7c6d5e4f30211203f4e5d6c7b8a9';
const DOM = `nimbus-${id}`;
const config = libvirtConfigFromEnv({ LIBVIRT_URI: 'test:///nimbus', LIBVIRT_VIRT_TYPE: 'qemu', LIBVIRT_SHUTDOWN_TIMEOUT_MS: '0', LIBVIRT_SERIAL_PORT_MIN: '11900', LIBVIRT_SERIAL_PORT_MAX: '11999' });

let root: string;
let host: RecordingHost;
let uploads: string[];
let driver: LibvirtComputeDriver;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'nimbus-libvirt-unit-'));
  host = new RecordingHost();
  uploads = [];
  driver = newDriver();
  await driver.init();
  host.calls.length = 0;
});
afterEach(async () => rm(root, { recursive: true, force: true }));

function newDriver(): LibvirtComputeDriver {
  const images = { upload: async (imageId: string) => void uploads.push(imageId) };
  return new LibvirtComputeDriver(config, { runner: host, images, log: createLogger('libvirt-unit', 'silent'), stateDir: join(root, 'node') }, { uid: 0, gid: 0 });
}

const spec = (over: Partial<InstanceSpec> = {}): InstanceSpec => ({
  id,
  name: 'web-1',
  vcpus: 1,
  memoryMb: 128,
  rootGb: 1,
  imagePath: '/cache/tiny',
  imageDiskFormat: 'qcow2',
  configDrive: { metaData: { uuid: id } },
  ...over,
});

const dir = () => join(root, 'node', 'instances', id);

/** The commands run since the last call, with the temp folder and the id shortened. */
function calls(): string[] {
  const out = host.calls.map((argv) => argv.join(' ').replaceAll(join(root, 'node', 'instances', id), '$DIR').replaceAll('virsh -c test:///nimbus', 'virsh'));
  host.calls.length = 0;
  return out;
}

async function spawned(): Promise<void> {
  await driver.spawn(spec());
  host.calls.length = 0;
}

describe('libvirt driver steps (recording runner)', () => {
  it('spawns: overlay on the image, config drive, define from domain.xml, start; a second spawn only looks', async () => {
    await driver.spawn(spec());
    const made = calls();
    expect(made[0]).toBe(`virsh dominfo ${DOM}`);
    expect(made.slice(1)).toEqual([
      'qemu-img info --output=json -U -f qcow2 /cache/tiny',
      'qemu-img create -q -f qcow2 -F qcow2 -b /cache/tiny $DIR/disk.qcow2.part',
      expect.stringMatching(/^genisoimage .* -o \$DIR\/disk\.config\.part .* -V config-2 /),
      'virsh define $DIR/domain.xml',
      `virsh start ${DOM}`,
    ]);
    expect((await readdir(dir())).sort()).toEqual(['disk.config', 'disk.qcow2', 'domain.xml', 'spec.json']);
    await driver.spawn(spec());
    expect(calls()).toEqual([`virsh dominfo ${DOM}`]);
  });

  it('rolls back a spawn libvirt refuses: destroy, undefine, no folder; DriverError says why', async () => {
    host.failNext = { command: 'start', stderr: 'error: internal error: qemu unexpectedly closed the monitor\n' };
    await expect(driver.spawn(spec())).rejects.toThrow(new DriverError(`Spawning instance ${id} failed: virsh start failed`));
    expect(calls().slice(-3)).toEqual([`virsh start ${DOM}`, `virsh destroy ${DOM}`, `virsh undefine ${DOM} --managed-save --nvram`]);
    expect(await readdir(join(root, 'node', 'instances'))).toEqual([]);
    expect(host.domains.size).toBe(0);
  });

  it("leaves alone a domain of the same name that is not this node's", async () => {
    host.domains.set(DOM, { state: 'running', managedSave: false, vcpus: 1, memoryMb: 128 });
    await expect(driver.spawn(spec())).rejects.toThrow(/did not create/);
    await driver.destroy(id);
    expect(calls()).toEqual([`virsh dominfo ${DOM}`]);
    expect(host.domains.get(DOM)?.state).toBe('running');
    expect(await driver.listInstances()).toEqual([]);
  });

  it('powers off with the ACPI button, then pulls the plug if the guest ignores it', async () => {
    await spawned();
    await driver.powerOff(id);
    expect(calls()).toEqual([`virsh dominfo ${DOM}`, `virsh shutdown ${DOM} --mode acpi`, `virsh dominfo ${DOM}`]);
    await driver.powerOff(id);
    expect(calls()).toEqual([`virsh dominfo ${DOM}`]);
    await driver.powerOn(id);
    host.ignoreAcpi = true;
    host.calls.length = 0;
    await driver.powerOff(id);
    expect(calls()).toEqual([`virsh dominfo ${DOM}`, `virsh shutdown ${DOM} --mode acpi`, `virsh dominfo ${DOM}`, `virsh destroy ${DOM}`]);
    expect((await driver.getInfo(id)).powerState).toBe(4);
  });

  it('powers on with the domain redefined from spec.json (its serial port checked), or restored from a managed save', async () => {
    await spawned();
    await driver.powerOff(id);
    host.calls.length = 0;
    await driver.powerOn(id);
    expect(calls()).toEqual([`virsh dominfo ${DOM}`, 'virsh define $DIR/domain.xml', `virsh start ${DOM}`]);
    await driver.suspend(id);
    host.calls.length = 0;
    await driver.powerOn(id);
    expect(calls()).toEqual([`virsh dominfo ${DOM}`, `virsh dominfo ${DOM}`, `virsh start ${DOM}`]);
  });

  it("maps pause to libvirt's suspend, suspend to managedsave, and reports each power state", async () => {
    await spawned();
    await driver.pause(id);
    await driver.pause(id);
    expect((await driver.getInfo(id)).powerState).toBe(3);
    await driver.unpause(id);
    await driver.suspend(id);
    await driver.suspend(id);
    expect((await driver.getInfo(id)).powerState).toBe(7);
    await driver.resume(id);
    expect(calls().filter((c) => !c.includes('dominfo'))).toEqual([
      `virsh suspend ${DOM}`,
      `virsh resume ${DOM}`,
      `virsh managedsave ${DOM} --running`,
      `virsh start ${DOM}`,
    ]);
    expect(await driver.getInfo(id)).toEqual({ id, powerState: 1, vcpus: 1, memoryMb: 128 });
    await driver.powerOff(id);
    await expect(driver.pause(id)).rejects.toThrow(/not running \(shut off\)/);
    await expect(driver.resume(id)).rejects.toThrow(/no saved state/);
  });

  it('powering off a suspended guest drops its saved memory', async () => {
    await spawned();
    await driver.suspend(id);
    host.calls.length = 0;
    await driver.powerOff(id);
    expect(calls()).toEqual([`virsh dominfo ${DOM}`, `virsh managedsave-remove ${DOM}`]);
    expect((await driver.getInfo(id)).powerState).toBe(4);
  });

  it('reboots hard with the reset button (resuming a paused guest), a stopped one by booting it', async () => {
    await spawned();
    await driver.reboot(id, 'hard');
    expect(calls()).toEqual([`virsh dominfo ${DOM}`, `virsh reset ${DOM}`]);
    await driver.pause(id);
    host.calls.length = 0;
    await driver.reboot(id, 'hard');
    expect(calls()).toEqual([`virsh dominfo ${DOM}`, `virsh reset ${DOM}`, `virsh resume ${DOM}`]);
    await driver.powerOff(id);
    host.calls.length = 0;
    await driver.reboot(id, 'hard');
    expect(calls()).toEqual([`virsh dominfo ${DOM}`, `virsh destroy ${DOM}`, 'virsh define $DIR/domain.xml', `virsh start ${DOM}`]);
  });

  it('reboots soft through an ACPI power-off and a fresh boot, hard when the guest ignores ACPI', async () => {
    await spawned();
    await driver.reboot(id, 'soft');
    expect(calls()).toEqual([`virsh dominfo ${DOM}`, `virsh shutdown ${DOM} --mode acpi`, `virsh dominfo ${DOM}`, 'virsh define $DIR/domain.xml', `virsh start ${DOM}`]);
    host.ignoreAcpi = true;
    await driver.reboot(id, 'soft');
    expect(calls()).toEqual([`virsh dominfo ${DOM}`, `virsh shutdown ${DOM} --mode acpi`, `virsh dominfo ${DOM}`, `virsh dominfo ${DOM}`, `virsh reset ${DOM}`]);
  });

  it('destroys: plug, definition with its managed save, folder; a missing instance is fine', async () => {
    await spawned();
    await driver.destroy(id);
    expect(calls()).toEqual([`virsh destroy ${DOM}`, `virsh undefine ${DOM} --managed-save --nvram`]);
    expect(await readdir(join(root, 'node', 'instances'))).toEqual([]);
    await driver.destroy(id);
    expect(calls()).toEqual([]);
    await expect(driver.getInfo(id)).rejects.toBeInstanceOf(InstanceNotFound);
  });

  it('lists only its own nimbus domains; getInfo of one libvirt lost is InstanceNotFound', async () => {
    await spawned();
    host.domains.set(`nimbus-${other}`, { state: 'running', managedSave: false, vcpus: 1, memoryMb: 64 });
    host.domains.set('someone-elses-vm', { state: 'running', managedSave: false, vcpus: 1, memoryMb: 64 });
    expect(await driver.listInstances()).toEqual([id]);
    host.domains.delete(DOM);
    await expect(driver.getInfo(id)).rejects.toBeInstanceOf(InstanceNotFound);
  });

  it('snapshots with the guest paused only while its disk is copied, then uploads', async () => {
    await spawned();
    await driver.snapshot(id, 'img-1');
    expect(calls()).toEqual([
      `virsh dominfo ${DOM}`,
      `virsh suspend ${DOM}`,
      'qemu-img convert -U -f qcow2 -O qcow2 $DIR/disk.qcow2 $DIR/snapshot.qcow2',
      `virsh resume ${DOM}`,
    ]);
    expect(uploads).toEqual(['img-1']);
    expect(await readdir(dir())).not.toContain('snapshot.qcow2');
  });

  it('resizes a running guest: stopped, disk kept aside and grown, redefined, booted; revert puts it back', async () => {
    await spawned();
    await driver.resize(id, { vcpus: 2, memoryMb: 256, rootGb: 2 });
    expect(calls().filter((c) => !c.includes('dominfo'))).toEqual([
      `virsh shutdown ${DOM} --mode acpi`,
      'qemu-img info --output=json -U -f qcow2 $DIR/disk.qcow2',
      `qemu-img resize -q -f qcow2 $DIR/disk.qcow2 ${2 * 1024 ** 3}`,
      'virsh define $DIR/domain.xml',
      `virsh start ${DOM}`,
    ]);
    expect(await driver.getInfo(id)).toEqual({ id, powerState: 1, vcpus: 2, memoryMb: 256 });
    expect(await readdir(dir())).toEqual(expect.arrayContaining(['disk.qcow2.resize-backup', 'resize.json']));
    await driver.resize(id, { vcpus: 2, memoryMb: 256, rootGb: 2 });
    expect(calls().filter((c) => !c.includes('dominfo'))).toEqual([]);
    await driver.revertResize(id, { vcpus: 1, memoryMb: 128, rootGb: 1 });
    expect(calls()).toEqual([`virsh destroy ${DOM}`, 'virsh define $DIR/domain.xml', `virsh start ${DOM}`]);
    expect(await driver.getInfo(id)).toEqual({ id, powerState: 1, vcpus: 1, memoryMb: 128 });
    expect(await readdir(dir())).not.toContain('resize.json');
    await driver.revertResize(id, { vcpus: 1, memoryMb: 128, rootGb: 1 });
  });

  it('on start, defines again a complete folder whose domain libvirt lost and removes a half-made one', async () => {
    await spawned();
    host.domains.clear();
    const half = join(root, 'node', 'instances', other);
    await mkdir(half);
    await writeFile(join(half, 'disk.qcow2.part'), '');
    driver = newDriver();
    await driver.init();
    expect(calls()).toEqual(['virsh version', 'virsh list --all --name', 'virsh define $DIR/domain.xml']);
    expect(await readdir(join(root, 'node', 'instances'))).toEqual([id]);
    expect(await driver.listInstances()).toEqual([id]);
    expect((await driver.getInfo(id)).powerState).toBe(4);
    expect(driver.hypervisorVersion).toBe(7_002_022);
  });

  it('serves the serial console only while the domain runs', async () => {
    await spawned();
    expect(await driver.getSerialConsole(id)).toEqual({ host: '127.0.0.1', port: expect.any(Number) });
    await driver.powerOff(id);
    await expect(driver.getSerialConsole(id)).rejects.toThrow(/not running \(shut off\)/);
  });
});
