import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DriverError } from '../driver.js';

/** Everything of one guest lives in `<stateDir>/instances/<id>/`; removing the folder removes the guest. */
export interface InstancePaths {
  dir: string;
  /** The root disk: a qcow2 overlay on the cached image. */
  disk: string;
  /** The config drive ISO. */
  configDrive: string;
  /** The serial console's log, appended across boots. */
  consoleLog: string;
  qmpSocket: string;
  pidFile: string;
  /** What relaunching the guest needs (LaunchSpec). */
  spec: string;
  /** The guest's memory after suspend; present means suspended. */
  savedState: string;
  /** A snapshot's flattened copy while it is uploaded. */
  snapshot: string;
  /** The root disk as it was before a resize, kept until confirm or revert. */
  resizeBackup: string;
  /** Whether the guest ran and what it was before a resize. */
  resizeRecord: string;
}

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

/**
 * Instance ids end up in paths and qemu options, so only UUIDs are accepted (nimbus writes them
 * as 32 hex digits, Keystone's form; the dashed form is accepted too).
 */
export function checkInstanceId(id: string): string {
  if (!isInstanceId(id)) throw new DriverError(`The instance id "${id}" is not a UUID.`);
  return id;
}

export function isInstanceId(id: string): boolean {
  return UUID.test(id);
}

/** The dashed form qemu's `-uuid` (the guest's SMBIOS UUID) wants. */
export function dashedUuid(id: string): string {
  const hex = checkInstanceId(id).replaceAll('-', '').toLowerCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A unix socket path longer than this cannot be bound (sun_path is 108 bytes with its NUL). */
const MAX_SOCKET_PATH = 107;

export function instancesDir(stateDir: string): string {
  return join(resolve(stateDir), 'instances');
}

export function instancePaths(stateDir: string, id: string): InstancePaths {
  const dir = join(instancesDir(stateDir), checkInstanceId(id));
  const qmpSocket = join(dir, 'qmp.sock');
  if (Buffer.byteLength(qmpSocket) > MAX_SOCKET_PATH) {
    throw new DriverError(`The QMP socket path ${qmpSocket} is longer than ${MAX_SOCKET_PATH} bytes; use a shorter NIMBUS_DATA_DIR.`);
  }
  return {
    dir,
    disk: join(dir, 'disk.qcow2'),
    configDrive: join(dir, 'disk.config'),
    consoleLog: join(dir, 'console.log'),
    qmpSocket,
    pidFile: join(dir, 'qemu.pid'),
    spec: join(dir, 'spec.json'),
    savedState: join(dir, 'memory.state'),
    snapshot: join(dir, 'snapshot.qcow2'),
    resizeBackup: join(dir, 'disk.qcow2.resize-backup'),
    resizeRecord: join(dir, 'resize.json'),
  };
}

export function fileExists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
