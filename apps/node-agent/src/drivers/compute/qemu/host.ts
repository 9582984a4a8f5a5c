import { constants } from 'node:fs';
import { open, rm, statfs } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import type { NodeCapacity } from '@nimbus/shared/queues';
import { GiB } from '../disks.js';

const MiB = 1024 * 1024;

/**
 * What this host offers: its CPUs, its memory less what the guests on it were given, and the
 * filesystem of the state folder (where the guests' disks live).
 */
export async function hostCapacity(stateDir: string, guestMemoryMb: number): Promise<NodeCapacity> {
  const fs = await statfs(stateDir);
  const memoryMb = Math.floor(os.totalmem() / MiB);
  return {
    cpus: Math.max(1, os.cpus().length),
    memoryMb,
    memoryFreeMb: Math.max(0, memoryMb - guestMemoryMb),
    diskGb: Math.floor((fs.blocks * fs.bsize) / GiB),
    diskFreeGb: Math.floor((fs.bavail * fs.bsize) / GiB),
  };
}

/**
 * Whether files in `dir` can be opened with O_DIRECT, which qemu's `cache=none` needs (tmpfs, for
 * one, refuses it).
 */
export async function supportsDirectIo(dir: string): Promise<boolean> {
  const probe = join(dir, `.direct-io-probe-${process.pid}`);
  try {
    await (await open(probe, constants.O_CREAT | constants.O_WRONLY | constants.O_DIRECT)).close();
    return true;
  } catch {
    return false;
  } finally {
    await rm(probe, { force: true });
  }
}
