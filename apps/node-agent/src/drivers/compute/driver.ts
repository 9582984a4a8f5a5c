import type { Logger } from '@nimbus/core/logger';
import type { DriverInfo, NodeCapacity } from '@nimbus/shared/queues';
import type { CommandRunner } from '../../exec/runner.js';

/**
 * The compute driver interface, modelled on Nova's `nova.virt.driver.ComputeDriver`
 * (DESIGN.md §6). One implementation per hypervisor (`fake/` now; `qemu/` and `libvirt/` next),
 * chosen by COMPUTE_DRIVER through the registry.
 *
 * Contracts every implementation keeps, because the agent may be killed at any point and BullMQ
 * then redelivers the job to the restarted agent:
 * - Every method is async and idempotent: calling it again after it succeeded (or after a crash
 *   half-way) converges to the same end state instead of failing or duplicating.
 * - Methods are keyed by instance id, never by in-process handles, so a restarted agent can resume
 *   work a previous process started (a real driver finds its guests again by id on the host).
 * - The agent serialises the calls for one instance; different instances may run concurrently.
 */
export interface ComputeCapabilities {
  /** Nova's `has_imagecache`: images are cached on the node between spawns. */
  hasImagecache: boolean;
  supportsPause: boolean;
  supportsSuspend: boolean;
  supportsSnapshot: boolean;
  supportsConsoleOutput: boolean;
  supportsResize: boolean;
  supportsAttachVolume: boolean;
  supportsAttachInterface: boolean;
  /** A live serial console (getSerialConsole). */
  supportsSerialConsole: boolean;
  [name: string]: boolean;
}

/**
 * What the guest learns about itself from the config drive (OpenStack layout,
 * `openstack/latest/meta_data.json` + `user_data`), as the metadata service serves it.
 * The agent fetches it over HTTP with its service token just before spawn (jobs carry ids only).
 */
export interface ConfigDriveData {
  /** The `meta_data.json` document: uuid, name, hostname, public_keys, launch_index, availability_zone, meta, ... */
  metaData: Record<string, unknown>;
  /** Raw user data (already base64-decoded), if the instance has any. */
  userData?: string;
}

/** What a spawn needs: ids and sizes only, never secrets (DESIGN.md §7). */
export interface InstanceSpec {
  id: string;
  name: string;
  vcpus: number;
  memoryMb: number;
  rootGb: number;
  imageId?: string;
  /**
   * The image's verified local copy (the agent's image cache fills it before spawn; real
   * drivers put a copy-on-write overlay on it, the fake ignores it).
   */
  imagePath?: string;
  /** The image's disk format (`qcow2`, `raw`, ...) as the image service recorded it. */
  imageDiskFormat?: string;
  /** Present when the instance gets a config drive (always, for real drivers). */
  configDrive?: ConfigDriveData;
}

/** Where a guest's serial console can be reached (Nova's `ConsoleSerial`: host + port, raw TCP). */
export interface SerialConsoleEndpoint {
  host: string;
  port: number;
}

/** Sizes a cold resize moves an instance to (or back to, on revert). */
export interface ResizeSpec {
  vcpus: number;
  memoryMb: number;
  rootGb: number;
}

/** Nova's power-state numbers (packages/shared compute-states `PowerState`). */
export type PowerStateNumber = 0 | 1 | 3 | 4 | 6 | 7;

/** Nova's `InstanceInfo`. */
export interface InstanceInfo {
  id: string;
  powerState: PowerStateNumber;
  vcpus: number;
  memoryMb: number;
}

/** A failure the driver reports about a step (turned into the instance fault by the conductor). */
export class DriverError extends Error {
  override readonly name = 'DriverError';
}

/** The instance is not on this node. */
export class InstanceNotFound extends DriverError {
  constructor(id: string) {
    super(`Instance ${id} could not be found on this node.`);
  }
}

export interface ComputeDriver {
  readonly name: string;
  /** True for drivers that run no guest at all (the in-memory `fake`), labelled as such everywhere. */
  readonly fake: boolean;
  readonly capabilities: ComputeCapabilities;
  readonly hypervisorType: string;
  /** Nova-style integer version (e.g. 8002000 for 8.2.0). */
  readonly hypervisorVersion: number;

  /** Prepares the driver (connect to the hypervisor, find existing guests); called once at start. */
  init(): Promise<void>;

  /**
   * Creates and boots the instance. On failure it rolls back whatever it had created (disks,
   * processes, taps) before throwing, so a failed spawn leaves nothing behind and the instance
   * can be rescheduled elsewhere. Spawning an instance that already runs here succeeds.
   */
  spawn(instance: InstanceSpec): Promise<void>;

  /** Stops and removes the instance and its local disks. Destroying a missing instance succeeds. */
  destroy(instanceId: string): Promise<void>;

  /** Soft: asks the guest (ACPI) and falls back to hard after a timeout; hard: resets at once. */
  reboot(instanceId: string, kind: 'soft' | 'hard'): Promise<void>;
  /** Powering on a running instance (or off a stopped one) succeeds. */
  powerOn(instanceId: string): Promise<void>;
  powerOff(instanceId: string): Promise<void>;
  pause(instanceId: string): Promise<void>;
  unpause(instanceId: string): Promise<void>;
  suspend(instanceId: string): Promise<void>;
  resume(instanceId: string): Promise<void>;

  /** Throws InstanceNotFound when the instance is not on this node. */
  getInfo(instanceId: string): Promise<InstanceInfo>;
  /** Ids of the instances on this node, as the hypervisor sees them. */
  listInstances(): Promise<string[]>;
  /** The last `lines` lines of the serial console (all when omitted). */
  getConsoleOutput(instanceId: string, lines?: number): Promise<string>;
  /**
   * Captures the root disk, flattened (no backing file), into the (already created) image
   * `targetImageId` through the agent's image uploader.
   */
  snapshot(instanceId: string, targetImageId: string): Promise<void>;

  /**
   * Cold resize on this node (Nova's migrate_disk_and_power_off + finish_migration): stops the
   * guest, keeps what revert needs, grows the root disk, restarts it with the new sizes (powered
   * on again only if it was running). Idempotent.
   */
  resize(instanceId: string, to: ResizeSpec): Promise<void>;
  /** Drops what revert would have needed. Confirming twice succeeds. */
  confirmResize(instanceId: string): Promise<void>;
  /** Puts the old disk and sizes back and restarts the guest as it was. */
  revertResize(instanceId: string, to: ResizeSpec): Promise<void>;

  /** Where the live serial console is reached; throws when the driver has none. */
  getSerialConsole(instanceId: string): Promise<SerialConsoleEndpoint>;

  /** Total and free capacity offered to the scheduler. */
  getAvailableResource(): Promise<NodeCapacity>;

  /** No-ops until the volume and network issues; they exist so callers are written once. */
  attachVolume(instanceId: string, volumeId: string, device?: string): Promise<void>;
  detachVolume(instanceId: string, volumeId: string): Promise<void>;
  plugVifs(instanceId: string, portIds: readonly string[]): Promise<void>;
  unplugVifs(instanceId: string, portIds: readonly string[]): Promise<void>;

  /** Releases hypervisor connections; guests keep running. */
  close(): Promise<void>;
}

/** Sends a snapshot's bytes into an (already created, queued) image of the image service. */
export interface ImageUploader {
  /** Streams `filePath` as the image's data (`PUT /v2/images/{id}/file`); the image ends `active`. */
  upload(imageId: string, filePath: string): Promise<void>;
}

/** What the agent hands every driver it creates. */
export interface DriverDeps {
  runner: CommandRunner;
  images: ImageUploader;
  log: Logger;
  /** Where the driver keeps per-instance state (disks, sockets, logs): one folder per node. */
  stateDir: string;
}

/** What the heartbeat says about the driver. */
export function describeDriver(d: ComputeDriver): DriverInfo {
  return {
    name: d.name,
    fake: d.fake,
    hypervisorType: d.hypervisorType,
    hypervisorVersion: d.hypervisorVersion,
    capabilities: { ...d.capabilities },
  };
}
