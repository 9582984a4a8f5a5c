import { copyFile, mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
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
import { cachedProbeAccel } from '../qemu/accel.js';
import { consoleTail } from '../qemu/console-log.js';
import { hostCapacity } from '../qemu/host.js';
import { instancesDir, isInstanceId } from '../qemu/paths.js';
import { SerialPortAssigner } from '../qemu/serial-ports.js';
import { LaunchSpecSchema, readJsonFile, ResizeRecordSchema, writeJsonAtomic, type LaunchSpec } from '../qemu/spec-file.js';
import type { LibvirtDriverConfig } from './config.js';
import { domainXml, type VirtType } from './domain-xml.js';
import { isActive, powerStateOf, type DomInfo } from './dominfo.js';
import { Domains } from './domains.js';
import { domainName, libvirtInstancePaths, type LibvirtInstancePaths } from './paths.js';

const exists = (path: string) => stat(path).then(
  () => true,
  () => false,
);

/** Through a temporary file and a rename: init() takes a present domain.xml as a finished spawn. */
async function writeFileAtomic(path: string, text: string): Promise<void> {
  await writeFile(`${path}.tmp`, text);
  await rename(`${path}.tmp`, path);
}

/** How long a managed save may take to write the guest's memory: generous, at least 10 MiB/s. */
const saveTimeoutMs = (memoryMb: number) => 60_000 + memoryMb * 100;

const isRunning = (info: DomInfo) => info.state === 'running' || info.state === 'idle';

/**
 * The libvirt compute driver (DESIGN.md §6): each guest is a persistent libvirt domain
 * `nimbus-<id>` (domain-xml.ts) driven through `virsh`, its files in
 * `<stateDir>/instances/<id>/` (paths.ts). Domains outlive the agent, so a restarted agent finds
 * its guests in libvirt again. A domain counts as this node's only while its folder exists here:
 * several agents may share one libvirtd (tests, single-machine stacks), and none touches another's.
 */
export class LibvirtComputeDriver implements ComputeDriver {
  readonly name = 'libvirt';
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
    /** Domains are of type `kvm` (false: `qemu`, TCG software emulation). */
    accelKvm: false,
  };

  private readonly domains: Domains;
  private virtType: VirtType = 'qemu';
  private readonly serialPorts: SerialPortAssigner;

  constructor(
    private readonly config: LibvirtDriverConfig,
    private readonly deps: DriverDeps,
    private readonly owner = { uid: process.getuid?.() ?? 0, gid: process.getgid?.() ?? 0 },
  ) {
    this.serialPorts = new SerialPortAssigner(config.serialHost, config.serialPorts, 'LIBVIRT_SERIAL_PORT_MIN/MAX');
    this.domains = new Domains(deps.runner, config.uri);
  }

  /**
   * Connects, picks the domain type, and settles folders a killed agent left: one whose domain
   * libvirt lost is defined again when it was complete (domain.xml is written last), and a
   * half-made spawn's is removed (the redelivered spawn starts over).
   */
  async init(): Promise<void> {
    await mkdir(instancesDir(this.deps.stateDir), { recursive: true });
    this.hypervisorVersion = await this.domains.hypervisorVersion();
    const probe = () => cachedProbeAccel({ runner: this.deps.runner, binary: 'qemu-system-x86_64', log: this.deps.log });
    this.virtType = this.config.virtType === 'auto' ? ((await probe()) === 'kvm' ? 'kvm' : 'qemu') : this.config.virtType;
    this.capabilities.accelKvm = this.virtType === 'kvm';
    const defined = new Set(await this.domains.instanceIds());
    const counts = { adopted: 0, redefined: 0, removed: 0 };
    for (const id of await this.folderIds()) {
      const p = this.paths(id);
      const spec = await readJsonFile(p.spec, LaunchSpecSchema).catch(() => undefined);
      if (defined.has(id)) {
        counts.adopted++;
      } else if (spec && (await exists(p.domainXml))) {
        await this.define(spec, p);
        counts.redefined++;
      } else {
        await rm(p.dir, { recursive: true, force: true });
        counts.removed++;
      }
    }
    this.deps.log.info({ uri: this.config.uri, virtType: this.virtType, version: this.hypervisorVersion, ...counts }, 'libvirt driver ready');
  }

  async spawn(instance: InstanceSpec): Promise<void> {
    const id = instance.id;
    const p = this.paths(id);
    const info = await this.domains.info(domainName(id));
    if (info) {
      if (!(await exists(p.spec))) {
        throw new DriverError(`A libvirt domain ${domainName(id)} exists that this node did not create (another node on this host?); leaving it alone.`);
      }
      if (isActive(info)) return;
      return this.orRollBack(p, id, () => this.domains.start(domainName(id)));
    }
    if (!instance.imagePath) throw new DriverError(`Instance ${id} has no local image to boot from (imagePath).`);
    if (!instance.imageDiskFormat) throw new DriverError(`Instance ${id} has no image disk format (imageDiskFormat).`);
    const format = qemuFormat(instance.imageDiskFormat);
    await rm(p.dir, { recursive: true, force: true });
    await this.orRollBack(p, id, async () => {
      await mkdir(p.dir, { recursive: true });
      const spec = await this.assignPort(p, {
        id,
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
      await this.define(spec, p);
      await this.domains.start(domainName(id));
    });
  }

  async destroy(instanceId: string): Promise<void> {
    const p = this.paths(instanceId);
    if (!(await exists(p.dir))) return;
    await this.remove(instanceId, p);
  }

  async reboot(instanceId: string, kind: 'soft' | 'hard'): Promise<void> {
    const { spec, p } = await this.load(instanceId);
    const name = domainName(instanceId);
    if (kind === 'soft' && isRunning(await this.info(instanceId))) {
      if (await this.domains.shutdown(name, this.config.shutdownTimeoutMs)) return this.boot(spec, p);
      this.deps.log.warn({ instanceId }, 'soft reboot: the guest did not power off in time; rebooting hard');
    }
    const info = await this.info(instanceId);
    if (isRunning(info) || info.state === 'paused') {
      await this.domains.reset(name);
      if (info.state === 'paused') await this.domains.unpause(name);
      return;
    }
    // Off, crashed or suspended: a fresh boot (a suspended guest's saved memory is dropped).
    await this.domains.destroy(name);
    if (info.managedSave) await this.domains.managedSaveRemove(name);
    await this.boot(spec, p);
  }

  async powerOn(instanceId: string): Promise<void> {
    const { spec, p } = await this.load(instanceId);
    const info = await this.info(instanceId);
    if (info.state === 'paused') return this.domains.unpause(domainName(instanceId));
    if (isActive(info)) return;
    if (info.managedSave) return this.resume(instanceId);
    await this.boot(spec, p);
  }

  async powerOff(instanceId: string): Promise<void> {
    await this.load(instanceId);
    const info = await this.info(instanceId);
    await this.stop(instanceId, info);
    // Powered off is off: a suspended guest's saved memory goes.
    if (info.managedSave) await this.domains.managedSaveRemove(domainName(instanceId));
  }

  async pause(instanceId: string): Promise<void> {
    await this.load(instanceId);
    const info = await this.info(instanceId);
    if (info.state === 'paused') return;
    if (!isRunning(info)) throw new DriverError(`Instance ${instanceId} is not running (${info.state}); there is nothing to pause.`);
    await this.domains.pause(domainName(instanceId));
  }

  async unpause(instanceId: string): Promise<void> {
    await this.load(instanceId);
    const info = await this.info(instanceId);
    if (isRunning(info)) return;
    if (info.state !== 'paused') throw new DriverError(`Instance ${instanceId} is not paused (${info.state}).`);
    await this.domains.unpause(domainName(instanceId));
  }

  /** libvirt's managed save: the memory goes to an image libvirt keeps, qemu ends, the next start restores it. */
  async suspend(instanceId: string): Promise<void> {
    const { spec } = await this.load(instanceId);
    const info = await this.info(instanceId);
    if (info.managedSave && !isActive(info)) return;
    if (!isRunning(info) && info.state !== 'paused') throw new DriverError(`Instance ${instanceId} is not running (${info.state}); there is nothing to suspend.`);
    await this.domains.managedSave(domainName(instanceId), saveTimeoutMs(spec.memoryMb));
  }

  async resume(instanceId: string): Promise<void> {
    const { spec } = await this.load(instanceId);
    const info = await this.info(instanceId);
    if (isRunning(info)) return;
    if (info.state === 'paused') return this.domains.unpause(domainName(instanceId));
    if (!info.managedSave) throw new DriverError(`Instance ${instanceId} has no saved state to resume from (${info.state}).`);
    await this.domains.start(domainName(instanceId), saveTimeoutMs(spec.memoryMb));
  }

  /** Throws InstanceNotFound when the instance has no folder here or libvirt has no domain for it. */
  async getInfo(instanceId: string): Promise<InstanceInfo> {
    await this.load(instanceId);
    const info = await this.info(instanceId);
    return { id: instanceId, powerState: powerStateOf(info), vcpus: info.vcpus, memoryMb: info.memoryMb };
  }

  /** The `nimbus-*` domains libvirt has that are this node's (their folder is here). */
  async listInstances(): Promise<string[]> {
    const ours = new Set(await this.folderIds());
    return (await this.domains.instanceIds()).filter((id) => ours.has(id));
  }

  async getConsoleOutput(instanceId: string, lines?: number): Promise<string> {
    const { p } = await this.load(instanceId);
    return consoleTail(p.consoleLog, lines);
  }

  async getSerialConsole(instanceId: string): Promise<SerialConsoleEndpoint> {
    const { spec } = await this.load(instanceId);
    const info = await this.info(instanceId);
    if (!isActive(info)) throw new DriverError(`Instance ${instanceId} is not running (${info.state}), so its serial console is not listening.`);
    return { host: spec.serialHost, port: spec.serialPort };
  }

  /** Flattens the root disk while the guest is paused (consistent and flushed), then uploads it running again. */
  async snapshot(instanceId: string, targetImageId: string): Promise<void> {
    const { p } = await this.load(instanceId);
    const name = domainName(instanceId);
    const info = await this.info(instanceId);
    const pausedByUs = isRunning(info);
    await rm(p.snapshot, { force: true });
    try {
      if (pausedByUs) await this.domains.pause(name);
      try {
        await this.deps.runner.run(flattenArgv(p.disk, p.snapshot, { forceShare: isActive(info) }), { timeoutMs: 60 * 60_000 });
      } finally {
        if (pausedByUs) await this.domains.unpause(name);
      }
      await this.deps.images.upload(targetImageId, p.snapshot);
    } finally {
      await rm(p.snapshot, { force: true });
    }
  }

  /**
   * Cold resize: the guest is stopped, its disk copied aside and the old spec (from which its old
   * domain XML is made again) recorded, the disk grown, the domain redefined with the new sizes and
   * booted if it ran before. Each step can be repeated after a crash.
   */
  async resize(instanceId: string, to: ResizeSpec): Promise<void> {
    const { spec, p } = await this.load(instanceId);
    let record = await readJsonFile(p.resizeRecord, ResizeRecordSchema);
    if (record && spec.vcpus === to.vcpus && spec.memoryMb === to.memoryMb && spec.rootGb === to.rootGb) {
      // Done before: only make sure the guest runs again if it did.
      if (record.wasRunning) await this.powerOn(instanceId);
      return;
    }
    if (!record) {
      const info = await this.info(instanceId);
      if (info.managedSave) throw new DriverError(`Instance ${instanceId} is suspended; resume it before resizing.`);
      record = { wasRunning: isActive(info), spec };
      await this.stop(instanceId, info);
      await copyFile(p.disk, `${p.resizeBackup}.part`);
      await rename(`${p.resizeBackup}.part`, p.resizeBackup);
      await writeJsonAtomic(p.resizeRecord, record);
    }
    await this.stop(instanceId, await this.info(instanceId));
    const { virtualSize } = await diskInfo(this.deps.runner, p.disk, 'qcow2');
    // Disks only grow (Nova refuses smaller flavors at the API).
    if (to.rootGb * GiB > virtualSize) await this.deps.runner.run(resizeArgv(p.disk, to.rootGb * GiB), { timeoutMs: 60_000 });
    const resized: LaunchSpec = { ...spec, vcpus: to.vcpus, memoryMb: to.memoryMb, rootGb: to.rootGb };
    await writeJsonAtomic(p.spec, resized);
    if (record.wasRunning) await this.boot(resized, p);
    else await this.define(resized, p);
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
    await this.domains.destroy(domainName(instanceId));
    // Each step can be repeated: the backup is gone once it is back in place.
    if (await exists(p.resizeBackup)) await rename(p.resizeBackup, p.disk);
    const reverted: LaunchSpec = { ...record.spec, vcpus: to.vcpus, memoryMb: to.memoryMb, rootGb: to.rootGb, serialHost: spec.serialHost, serialPort: spec.serialPort };
    await writeJsonAtomic(p.spec, reverted);
    if (record.wasRunning) await this.boot(reverted, p);
    else await this.define(reverted, p);
    await rm(p.resizeRecord, { force: true });
  }

  async getAvailableResource(): Promise<NodeCapacity> {
    let guestMemoryMb = 0;
    for (const id of await this.folderIds()) {
      const spec = await readJsonFile(this.paths(id).spec, LaunchSpecSchema).catch(() => undefined);
      guestMemoryMb += spec?.memoryMb ?? 0;
    }
    return hostCapacity(this.deps.stateDir, guestMemoryMb);
  }

  async attachVolume(): Promise<void> {}
  async detachVolume(): Promise<void> {}
  /** Domains have no NICs yet: they arrive with networking, which plugs them here. */
  async plugVifs(): Promise<void> {}
  async unplugVifs(): Promise<void> {}

  /** Nothing to release: every call is its own virsh process. */
  async close(): Promise<void> {}

  private paths(id: string): LibvirtInstancePaths {
    return libvirtInstancePaths(this.deps.stateDir, id);
  }

  private async load(id: string): Promise<{ spec: LaunchSpec; p: LibvirtInstancePaths }> {
    const p = this.paths(id);
    const spec = await readJsonFile(p.spec, LaunchSpecSchema);
    if (!spec) throw new InstanceNotFound(id);
    return { spec, p };
  }

  private async info(id: string): Promise<DomInfo> {
    const info = await this.domains.info(domainName(id));
    if (!info) throw new InstanceNotFound(id);
    return info;
  }

  /** Instance folders of this node (the domains it owns, or is making). */
  private async folderIds(): Promise<string[]> {
    const entries = await readdir(instancesDir(this.deps.stateDir), { withFileTypes: true }).catch(() => []);
    return entries.filter((e) => e.isDirectory() && isInstanceId(e.name)).map((e) => e.name);
  }

  /** ACPI first while the guest runs, then the plug; a domain that is off stays as it is. */
  private async stop(id: string, info: DomInfo): Promise<void> {
    if (!isActive(info)) return;
    const name = domainName(id);
    if (isRunning(info) && (await this.domains.shutdown(name, this.config.shutdownTimeoutMs))) return;
    await this.domains.destroy(name);
  }

  /** Writes the domain XML from the spec and (re)defines the domain with it. */
  private async define(spec: LaunchSpec, p: LibvirtInstancePaths): Promise<void> {
    await writeFileAtomic(p.domainXml, domainXml(spec, p, { virtType: this.virtType, owner: this.owner }));
    await this.domains.define(p.domainXml);
  }

  /** A cold boot: the serial port checked (another process may have taken it meanwhile), the domain redefined, started. */
  private async boot(spec: LaunchSpec, p: LibvirtInstancePaths): Promise<void> {
    await this.define(await this.assignPort(p, spec), p);
    await this.domains.start(domainName(spec.id));
  }

  private async remove(id: string, p: LibvirtInstancePaths): Promise<void> {
    const name = domainName(id);
    await this.domains.destroy(name);
    await this.domains.undefine(name);
    await rm(p.dir, { recursive: true, force: true });
  }

  /** Runs a spawn step; on failure nothing of the instance is left (domain, folder) and a DriverError says why. */
  private async orRollBack(p: LibvirtInstancePaths, id: string, step: () => Promise<void>): Promise<void> {
    try {
      await step();
    } catch (err) {
      this.deps.log.warn({ instanceId: id, err: (err as Error).message }, 'spawn failed; rolling back');
      await this.remove(id, p).catch((e: unknown) => this.deps.log.warn({ instanceId: id, err: (e as Error).message }, 'rollback incomplete'));
      throw err instanceof DriverError ? err : new DriverError(`Spawning instance ${id} failed: ${(err as Error).message}`, { cause: err });
    }
  }

  /** The guest's spec with its own free serial port, saved (see SerialPortAssigner). */
  private assignPort(p: LibvirtInstancePaths, spec: Omit<LaunchSpec, 'serialPort'> & { serialPort?: number }): Promise<LaunchSpec> {
    return this.serialPorts.assign(spec, p.spec, async () => (await this.folderIds()).filter((id) => id !== spec.id).map((id) => this.paths(id).spec));
  }
}
