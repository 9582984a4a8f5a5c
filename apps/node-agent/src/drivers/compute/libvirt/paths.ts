import { join } from 'node:path';
import { checkInstanceId, instancesDir, isInstanceId } from '../qemu/paths.js';

/**
 * A guest's files, in `<stateDir>/instances/<id>/` as with the qemu driver; libvirt keeps only the
 * domain definition (and a managed-save image) itself. Removing the folder and the domain removes
 * the guest.
 */
export interface LibvirtInstancePaths {
  dir: string;
  /** The root disk: a qcow2 overlay on the cached image. */
  disk: string;
  /** The config drive ISO. */
  configDrive: string;
  /** The serial console's log (written by virtlogd), appended across boots. */
  consoleLog: string;
  /** What (re)defining the domain needs (LaunchSpec). */
  spec: string;
  /** The domain XML last handed to `virsh define`. */
  domainXml: string;
  /** A snapshot's flattened copy while it is uploaded. */
  snapshot: string;
  /** The root disk as it was before a resize, kept until confirm or revert. */
  resizeBackup: string;
  /** Whether the guest ran and its spec (hence its domain XML) before a resize. */
  resizeRecord: string;
}

const PREFIX = 'nimbus-';

/** The domain's name: instance ids are unique, and the prefix tells nimbus' domains from others. */
export function domainName(id: string): string {
  return `${PREFIX}${checkInstanceId(id)}`;
}

/** The instance id a domain name stands for, or undefined for domains that are not nimbus'. */
export function instanceIdOf(name: string): string | undefined {
  if (!name.startsWith(PREFIX)) return undefined;
  const id = name.slice(PREFIX.length);
  return isInstanceId(id) ? id : undefined;
}

export function libvirtInstancePaths(stateDir: string, id: string): LibvirtInstancePaths {
  const dir = join(instancesDir(stateDir), checkInstanceId(id));
  return {
    dir,
    disk: join(dir, 'disk.qcow2'),
    configDrive: join(dir, 'disk.config'),
    consoleLog: join(dir, 'console.log'),
    spec: join(dir, 'spec.json'),
    domainXml: join(dir, 'domain.xml'),
    snapshot: join(dir, 'snapshot.qcow2'),
    resizeBackup: join(dir, 'disk.qcow2.resize-backup'),
    resizeRecord: join(dir, 'resize.json'),
  };
}
