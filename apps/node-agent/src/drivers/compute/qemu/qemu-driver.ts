import { copyFile, mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { NodeCapacity } from '@nimbus/shared/queues';
import { buildConfigDrive, defaultMetaData } from '../configdrive.js';
import { createRootDisk, diskInfo, flattenArgv, GiB, qemuFormat, resizeArgv } from '../disks.js';
import {
  DriverError,
  InstanceNotFound,
  type ComputeCapabilities,
  type ComputeDriver,
  type DriverDeps,
  type InstanceInfo,
  type InstanceSpec,
  type ResizeSpec,
  type SerialConsoleEndpoint,
} from '../driver.js';
import { cachedProbeAccel, qemuVersion } from './accel.js';
import { loadStateUri } from './argv.js';
import type { QemuDriverConfig } from './config.js';
import { consoleTail } from './console-log.js';
import { GuestProcesses } from './guest-processes.js';
import { hostCapacity, supportsDirectIo } from './host.js';
import { fileExists, instancePaths, instancesDir, isInstanceId, type InstancePaths } from './paths.js';
import { observedPowerState } from './power-state.js';
import { saveMemory, waitWhileIncoming } from './saved-state.js';
import { SerialPortAssigner } from './serial-ports.js';
import { LaunchSpecSchema, readJsonFile, ResizeRecordSchema, writeJsonAtomic, type LaunchSpec } from './spec-file.js';

/**
 * The qemu compute driver (DESIGN.md §6): each guest is a daemonized `qemu-system-x86_64` with a
 * QMP socket, its files in `<stateDir>/instances/<id>/` (see paths.ts). Everything the driver
 * knows is on disk or asked of qemu, never only in this process, so a restarted agent adopts the
 * running guests and carries on. KVM when a probe guest really runs under it, TCG otherwise.
 */
export class QemuComputeDriver implements ComputeDriver {
  readonly name = 'qemu';
  readonly fake = false;
  readonly hypervisorType = 'QEMU';
  hypervisorVersion = 0;
  readonly capabilities: ComputeCapabilities = {
    hasImagecache: true,
    supportsPause: true,
    supportsSuspend: true,
    supportsSnapshot: true,
    supportsConsoleOutput: true,
    supportsResize: true,
    supportsAttachVolume: false,
    supportsAttachInterface: false,
    supportsSerialConsole: true,
    /** Guests run under KVM (false: TCG, software emulation). */
    accelKvm: false,
  };

  private readonly guests: GuestProcesses;
  private readonly serialPorts: SerialPortAssigner;

  constructor(
    private readonly config: QemuDriverConfig,
    private readonly deps: DriverDeps,
  ) {
    this.serialPorts = new SerialPortAssigner(config.serialHost, config.serialPorts, 'QEMU_SERIAL_PORT_MIN/MAX');
    this.guests = new GuestProcesses({ runner: deps.runner, log: deps.log, binary: config.binary, startTimeoutMs: config.startTimeoutMs, shutdownTimeoutMs: config.shutdownTimeoutMs });
  }

  async init(): Promise<void> {
    const dir = instancesDir(this.deps.stateDir);
    await mkdir(dir, { recursive: true });
    this.hypervisorVersion = await qemuVersion(this.deps.runner, this.config.binary);
    const accel = this.config.accel === 'auto' ? await cachedProbeAccel({ runner: this.deps.runner, binary: this.config.binary, log: this.deps.log }) : this.config.accel;
    this.guests.accel = accel;
    this.capabilities.accelKvm = accel === 'kvm';
    this.guests.cache = this.config.diskCache === 'auto' ? ((await supportsDirectIo(dir)) ? 'none' : 'writeback') : this.config.diskCache;
    const adopted: string[] = [];
    for (const id of await this.listInstances()) {
      const p = this.paths(id);
      if (!(await this.guests.pid(id, p))) continue;
      adopted.push(id);
      await this.guests.qmp(id, p).catch((err: unknown) => this.log(id).warn({ err: (err as Error).message }, 'running guest does not answer QMP'));
    }
    this.deps.log.info({ accel, cache: this.guests.cache, version: this.hypervisorVersion, adopted: adopted.length }, 'qemu driver ready');
  }

  async spawn(instance: InstanceSpec): Promise<void> {
    const p = this.paths(instance.id);
    const existing = await readJsonFile(p.spec, LaunchSpecSchema);
    if (existing && (await fileExists(p.disk)) && (await fileExists(p.configDrive))) {
      if (await this.guests.pid(instance.id, p)) return;
      return this.orRollBack(p, instance.id, () => this.launch(existing, p));
    }
    if (!instance.imagePath) throw new DriverError(`Instance ${instance.id} has no local image to boot from (imagePath).`);
    if (!instance.imageDiskFormat) throw new DriverError(`Instance ${instance.id} has no image disk format (imageDiskFormat).`);
    const format = qemuFormat(instance.imageDiskFormat);
    await rm(p.dir, { recursive: true, force: true });
    await this.orRollBack(p, instance.id, async () => {
      await mkdir(p.dir, { recursive: true });
      const spec = await this.assignPort(p, {
        id: instance.id,
        name: instance.name,
        vcpus: instance.vcpus,
        memoryMb: instance.memoryMb,
        rootGb: instance.rootGb,
        imageId: instance.imageId,
        imageFormat: format,
        serialHost: this.config.serialHost,
      });
      await createRootDisk(this.deps.runner, instance, format, p.disk);
      const part = `${p.configDrive}.part`;
      await buildConfigDrive(this.deps.runner, instance.configDrive ?? { metaData: defaultMetaData(instance) }, part);
      await rename(part, p.configDrive);
      await this.launch(spec, p);
    });
  }

  async destroy(instanceId: string): Promise<void> {
    const p = this.paths(instanceId);
    await this.guests.stop(instanceId, p, { graceful: false });
    await rm(p.dir, { recursive: true, force: true });
  }

  async reboot(instanceId: string, kind: 'soft' | 'hard'): Promise<void> {
    const { spec, p } = await this.load(instanceId);
    if (kind === 'soft' && (await this.guests.runState(instanceId, p)) === 'running') {
      if (await this.guests.powerdown(instanceId, p).catch(() => false)) return this.launch(spec, p);
      this.log(instanceId).warn('soft reboot: the guest did not power off in time; rebooting hard');
    }
    const state = await this.guests.runState(instanceId, p);
    if (state === 'running' || state === 'paused') {
      await this.guests.command(instanceId, p, 'system_reset');
      if (state === 'paused') await this.guests.command(instanceId, p, 'cont');
      return;
    }
    // Crashed, half-migrated or not running at all: a fresh qemu.
    await this.guests.stop(instanceId, p, { graceful: false });
    await rm(p.savedState, { force: true });
    await this.launch(spec, p);
  }

  async powerOn(instanceId: string): Promise<void> {
    const { spec, p } = await this.load(instanceId);
    if (await this.guests.pid(instanceId, p)) return;
    if (await fileExists(p.savedState)) return this.resume(instanceId);
    await this.launch(spec, p);
  }

  async powerOff(instanceId: string): Promise<void> {
    const { p } = await this.load(instanceId);
    await this.guests.stop(instanceId, p, { graceful: true });
    // Powered off is off: a suspended guest's saved memory goes.
    await rm(p.savedState, { force: true });
  }

  async pause(instanceId: string): Promise<void> {
    const { p } = await this.load(instanceId);
    await this.guests.command(instanceId, p, 'stop');
  }

  async unpause(instanceId: string): Promise<void> {
    const { p } = await this.load(instanceId);
    await this.guests.command(instanceId, p, 'cont');
  }

  /** Saves the guest's memory to `memory.state` (QMP migrate to a file) and ends its qemu. */
  async suspend(instanceId: string): Promise<void> {
    const { spec, p } = await this.load(instanceId);
    const state = await this.guests.runState(instanceId, p);
    if (state === undefined) {
      if (await fileExists(p.savedState)) return;
      throw new DriverError(`Instance ${instanceId} is not running; there is nothing to suspend.`);
    }
    // A suspend cut short after the memory was saved only has the quit left to do.
    if (!(state === 'postmigrate' && (await fileExists(p.savedState)))) await saveMemory(this.guests, spec, p, state);
    await this.guests.stop(instanceId, p, { graceful: false });
  }

  async resume(instanceId: string): Promise<void> {
    const { spec, p } = await this.load(instanceId);
    if (!(await this.guests.pid(instanceId, p))) {
      if (!(await fileExists(p.savedState))) throw new DriverError(`Instance ${instanceId} has no saved state to resume from.`);
      await this.launch(spec, p, loadStateUri(p));
    }
    // Also finishes a resume (or a suspend) an agent restart cut short: the live qemu holds the guest.
    const state = await waitWhileIncoming(this.guests, spec, p);
    if (state === undefined) throw new DriverError(`Instance ${instanceId} could not load its saved state (qemu exited).`);
    if (state !== 'running') await this.guests.command(instanceId, p, 'cont');
    await rm(p.savedState, { force: true });
  }

  async getInfo(instanceId: string): Promise<InstanceInfo> {
    const { spec, p } = await this.load(instanceId);
    const runState = await this.guests.runState(instanceId, p);
    // No answer may mean it just exited: only a live pid with a silent QMP is NOSTATE.
    const alive = runState !== undefined || (await this.guests.pid(instanceId, p)) !== undefined;
    const powerState = observedPowerState({ alive, runState, savedState: await fileExists(p.savedState) });
    return { id: instanceId, powerState, vcpus: spec.vcpus, memoryMb: spec.memoryMb };
  }

  async listInstances(): Promise<string[]> {
    const dir = instancesDir(this.deps.stateDir);
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    const ids: string[] = [];
    for (const e of entries) {
      if (e.isDirectory() && isInstanceId(e.name) && (await fileExists(join(dir, e.name, 'spec.json')))) ids.push(e.name);
    }
    return ids;
  }

  async getConsoleOutput(instanceId: string, lines?: number): Promise<string> {
    const { p } = await this.load(instanceId);
    return consoleTail(p.consoleLog, lines);
  }

  async getSerialConsole(instanceId: string): Promise<SerialConsoleEndpoint> {
    const { spec, p } = await this.load(instanceId);
    if (!(await this.guests.pid(instanceId, p))) throw new DriverError(`Instance ${instanceId} is not running, so its serial console is not listening.`);
    return { host: spec.serialHost, port: spec.serialPort };
  }

  /** Flattens the root disk while the guest is paused (consistent and flushed), then uploads it running again. */
  async snapshot(instanceId: string, targetImageId: string): Promise<void> {
    const { p } = await this.load(instanceId);
    const alive = (await this.guests.pid(instanceId, p)) !== undefined;
    const pausedByUs = (await this.guests.runState(instanceId, p)) === 'running';
    await rm(p.snapshot, { force: true });
    try {
      if (pausedByUs) await this.guests.command(instanceId, p, 'stop');
      try {
        await this.deps.runner.run(flattenArgv(p.disk, p.snapshot, { forceShare: alive }), { timeoutMs: 60 * 60_000 });
      } finally {
        if (pausedByUs) await this.guests.command(instanceId, p, 'cont');
      }
      await this.deps.images.upload(targetImageId, p.snapshot);
    } finally {
      await rm(p.snapshot, { force: true });
    }
  }

  async resize(instanceId: string, to: ResizeSpec): Promise<void> {
    const { spec, p } = await this.load(instanceId);
    let record = await readJsonFile(p.resizeRecord, ResizeRecordSchema);
    if (record && spec.vcpus === to.vcpus && spec.memoryMb === to.memoryMb && spec.rootGb === to.rootGb) {
      // Done before: only make sure the guest runs again if it did.
      if (record.wasRunning) await this.powerOn(instanceId);
      return;
    }
    if (!record) {
      if (await fileExists(p.savedState)) throw new DriverError(`Instance ${instanceId} is suspended; resume it before resizing.`);
      record = { wasRunning: (await this.guests.pid(instanceId, p)) !== undefined, spec };
      await this.guests.stop(instanceId, p, { graceful: true });
      await copyFile(p.disk, `${p.resizeBackup}.part`);
      await rename(`${p.resizeBackup}.part`, p.resizeBackup);
      await writeJsonAtomic(p.resizeRecord, record);
    }
    await this.guests.stop(instanceId, p, { graceful: true });
    const { virtualSize } = await diskInfo(this.deps.runner, p.disk, 'qcow2');
    // Disks only grow (Nova refuses smaller flavors at the API).
    if (to.rootGb * GiB > virtualSize) await this.deps.runner.run(resizeArgv(p.disk, to.rootGb * GiB), { timeoutMs: 60_000 });
    const resized: LaunchSpec = { ...spec, vcpus: to.vcpus, memoryMb: to.memoryMb, rootGb: to.rootGb };
    await writeJsonAtomic(p.spec, resized);
    if (record.wasRunning) await this.launch(resized, p);
  }

  async confirmResize(instanceId: string): Promise<void> {
    const { p } = await this.load(instanceId);
    await rm(p.resizeRecord, { force: true });
    await rm(p.resizeBackup, { force: true });
  }

  async revertResize(instanceId: string, to: ResizeSpec): Promise<void> {
    const { spec, p } = await this.load(instanceId);
    const record = await readJsonFile(p.resizeRecord, ResizeRecordSchema);
    if (!record) return;
    await this.guests.stop(instanceId, p, { graceful: false });
    // Each step can be repeated: the backup is gone once it is back in place.
    if (await fileExists(p.resizeBackup)) await rename(p.resizeBackup, p.disk);
    const reverted: LaunchSpec = { ...record.spec, vcpus: to.vcpus, memoryMb: to.memoryMb, rootGb: to.rootGb, serialHost: spec.serialHost, serialPort: spec.serialPort };
    await writeJsonAtomic(p.spec, reverted);
    await rm(p.resizeRecord, { force: true });
    if (record.wasRunning) await this.launch(reverted, p);
  }

  async getAvailableResource(): Promise<NodeCapacity> {
    let guestMemoryMb = 0;
    for (const id of await this.listInstances()) {
      const spec = await readJsonFile(this.paths(id).spec, LaunchSpecSchema).catch(() => undefined);
      guestMemoryMb += spec?.memoryMb ?? 0;
    }
    return hostCapacity(this.deps.stateDir, guestMemoryMb);
  }

  async attachVolume(): Promise<void> {}
  async detachVolume(): Promise<void> {}
  /** Guests have no NICs yet: they arrive with networking, which plugs taps here. */
  async plugVifs(): Promise<void> {}
  async unplugVifs(): Promise<void> {}

  async close(): Promise<void> {
    this.guests.closeAll();
  }

  private paths(id: string): InstancePaths {
    return instancePaths(this.deps.stateDir, id);
  }

  private log(instanceId: string) {
    return this.deps.log.child({ instanceId });
  }

  private async load(id: string): Promise<{ spec: LaunchSpec; p: InstancePaths }> {
    const p = this.paths(id);
    const spec = await readJsonFile(p.spec, LaunchSpecSchema);
    if (!spec) throw new InstanceNotFound(id);
    return { spec, p };
  }

  /** Runs a spawn step; on failure nothing of the instance is left (process, folder) and a DriverError says why. */
  private async orRollBack(p: InstancePaths, id: string, step: () => Promise<void>): Promise<void> {
    try {
      await step();
    } catch (err) {
      this.log(id).warn({ err: (err as Error).message }, 'spawn failed; rolling back');
      await this.guests.stop(id, p, { graceful: false }).catch(() => undefined);
      await rm(p.dir, { recursive: true, force: true });
      throw err instanceof DriverError ? err : new DriverError(`Spawning instance ${id} failed: ${(err as Error).message}`, { cause: err });
    }
  }

  private async launch(spec: LaunchSpec, p: InstancePaths, incoming?: string): Promise<void> {
    await this.guests.launch(await this.assignPort(p, spec), p, incoming);
  }

  /** The guest's spec with its own free serial port, saved (see SerialPortAssigner). */
  private assignPort(p: InstancePaths, spec: Omit<LaunchSpec, 'serialPort'> & { serialPort?: number }): Promise<LaunchSpec> {
    return this.serialPorts.assign(spec, p.spec, async () => (await this.listInstances()).filter((id) => id !== spec.id).map((id) => this.paths(id).spec));
  }
}
