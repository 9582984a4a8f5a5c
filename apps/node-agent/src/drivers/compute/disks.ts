import { rename } from 'node:fs/promises';
import type { CommandRunner } from '../../exec/runner.js';
import { DriverError, type InstanceSpec } from './driver.js';

/**
 * Disk images with `qemu-img`, shared by the qemu and libvirt drivers: argv builders (pure,
 * golden-tested) and the one helper that reads an image's facts back. Every call names the
 * format explicitly: letting qemu-img probe a user's raw image would let a crafted qcow2 header
 * in it point at any file on the host.
 */
export const GiB = 1024 ** 3;

/** Glance disk formats a guest can boot from, by the name qemu gives the same format. */
const QEMU_FORMATS: Record<string, string> = {
  raw: 'raw',
  qcow2: 'qcow2',
  vmdk: 'vmdk',
  vdi: 'vdi',
  vhdx: 'vhdx',
  vhd: 'vpc',
  iso: 'raw',
};

/** qemu's name for a Glance `disk_format`; a DriverError for formats no guest boots from. */
export function qemuFormat(diskFormat: string): string {
  const f = QEMU_FORMATS[diskFormat];
  if (!f) throw new DriverError(`Disk format "${diskFormat}" cannot be booted (known: ${Object.keys(QEMU_FORMATS).join(', ')}).`);
  return f;
}

/** A copy-on-write qcow2 overlay on `base`, `sizeBytes` large (the base's size when omitted). */
export function overlayArgv(base: string, baseFormat: string, overlay: string, sizeBytes?: number): string[] {
  return ['qemu-img', 'create', '-q', '-f', 'qcow2', '-F', baseFormat, '-b', base, overlay, ...(sizeBytes === undefined ? [] : [String(sizeBytes)])];
}

/** Grows a qcow2 image to `sizeBytes`. */
export function resizeArgv(path: string, sizeBytes: number): string[] {
  return ['qemu-img', 'resize', '-q', '-f', 'qcow2', path, String(sizeBytes)];
}

/**
 * A flattened qcow2 copy of `src` and its whole backing chain (a snapshot's upload).
 * `forceShare` reads an image a running guest holds (the guest is paused and flushed first).
 */
export function flattenArgv(src: string, dst: string, opts: { forceShare: boolean }): string[] {
  return ['qemu-img', 'convert', ...(opts.forceShare ? ['-U'] : []), '-f', 'qcow2', '-O', 'qcow2', src, dst];
}

/** The facts about an image as JSON; `-U` because a guest may hold the image open. */
export function infoArgv(path: string, format: string): string[] {
  return ['qemu-img', 'info', '--output=json', '-U', '-f', format, path];
}

export interface DiskInfo {
  format: string;
  virtualSize: number;
  /** Set when the image is an overlay on another file. */
  backingFile?: string;
  /** Set when a qcow2 keeps its guest data in a separate file. */
  dataFile?: string;
}

/** Reads `qemu-img info --output=json` (pure). */
export function parseDiskInfo(json: string): DiskInfo {
  const raw = JSON.parse(json) as Record<string, unknown>;
  const format = raw['format'];
  const virtualSize = raw['virtual-size'];
  if (typeof format !== 'string' || typeof virtualSize !== 'number') throw new DriverError('qemu-img info printed no format or virtual size.');
  const backing = raw['backing-filename'];
  const specific = (raw['format-specific'] as { data?: Record<string, unknown> } | undefined)?.data;
  const dataFile = specific?.['data-file'];
  return {
    format,
    virtualSize,
    ...(typeof backing === 'string' ? { backingFile: backing } : {}),
    ...(typeof dataFile === 'string' ? { dataFile } : {}),
  };
}

export async function diskInfo(runner: CommandRunner, path: string, format: string): Promise<DiskInfo> {
  const { stdout } = await runner.run(infoArgv(path, format), { timeoutMs: 30_000 });
  return parseDiskInfo(stdout);
}

/**
 * The instance's root disk at `diskPath`: an overlay on the cached image, as large as the flavor's
 * root disk when that is larger. Written beside and renamed, so a half-made disk never has the name.
 */
export async function createRootDisk(runner: CommandRunner, instance: InstanceSpec, format: string, diskPath: string): Promise<void> {
  const base = await diskInfo(runner, instance.imagePath!, format);
  if (base.backingFile || base.dataFile) {
    throw new DriverError(`Image ${instance.imageId ?? instance.imagePath} refers to another file (backing or data file); refusing to boot it.`);
  }
  const want = instance.rootGb * GiB;
  const part = `${diskPath}.part`;
  await runner.run(overlayArgv(instance.imagePath!, format, part, want > base.virtualSize ? want : undefined), { timeoutMs: 60_000 });
  await rename(part, diskPath);
}
