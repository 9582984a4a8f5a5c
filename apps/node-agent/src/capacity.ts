import { statfs } from 'node:fs/promises';
import os from 'node:os';
import type { NodeCapacity } from '@nimbus/shared/queues';

const MB = 1024 * 1024;
const GB = 1024 * MB;

/** What this host offers, measured afresh for every heartbeat (free figures change). */
export async function measureCapacity(diskPath = '/'): Promise<NodeCapacity> {
  const fs = await statfs(diskPath);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    cpus: Math.max(1, os.availableParallelism()),
    memoryMb: Math.floor(os.totalmem() / MB),
    memoryFreeMb: Math.floor(os.freemem() / MB),
    diskGb: round((fs.blocks * fs.bsize) / GB),
    diskFreeGb: round((fs.bavail * fs.bsize) / GB),
  };
}
