import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sanitizeHostname } from '@nimbus/core/compute/servers/hostname';
import type { CommandRunner } from '../../exec/runner.js';
import type { ConfigDriveData, InstanceSpec } from './driver.js';

/**
 * The config drive (Nova's `configdrive.py`): an ISO 9660 volume labelled `config-2` with the
 * OpenStack layout — `openstack/latest/meta_data.json` and, when the instance has user data,
 * `openstack/latest/user_data` — so a guest with no network learns its identity and key.
 * Both the qemu and the libvirt driver attach it as a read-only second disk.
 */
export const CONFIG_DRIVE_LABEL = 'config-2';

/** The config drive's metadata when the agent brought none: who the guest is. */
export function defaultMetaData(instance: Pick<InstanceSpec, 'id' | 'name'>): Record<string, unknown> {
  return { uuid: instance.id, name: instance.name, hostname: sanitizeHostname(instance.name) || `Server-${instance.id}`.slice(0, 63) };
}

/** The files of the drive, relative to its root (pure). */
export function configDriveFiles(data: ConfigDriveData): Record<string, string> {
  const files: Record<string, string> = {
    'openstack/latest/meta_data.json': JSON.stringify(data.metaData),
    'openstack/latest/network_data.json': JSON.stringify({ links: [], networks: [], services: [] }),
  };
  if (data.userData !== undefined) files['openstack/latest/user_data'] = data.userData;
  return files;
}

/** The argv that writes `dir` into the ISO `out` (pure; genisoimage from Debian's package). */
export function configDriveArgv(dir: string, out: string): string[] {
  return ['genisoimage', '-quiet', '-o', out, '-ldots', '-allow-lowercase', '-allow-multidot', '-l', '-V', CONFIG_DRIVE_LABEL, '-r', '-J', dir];
}

/** Writes the drive to `out` (a staging folder beside it is removed afterwards). */
export async function buildConfigDrive(runner: CommandRunner, data: ConfigDriveData, out: string): Promise<string> {
  const staging = `${out}.d`;
  await rm(staging, { recursive: true, force: true });
  try {
    for (const [rel, content] of Object.entries(configDriveFiles(data))) {
      const path = join(staging, rel);
      await mkdir(join(path, '..'), { recursive: true });
      await writeFile(path, content);
    }
    await runner.run(configDriveArgv(staging, out), { timeoutMs: 30_000 });
    return out;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
