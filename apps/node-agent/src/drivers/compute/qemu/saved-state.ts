import { rm } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { GiB } from '../disks.js';
import { DriverError } from '../driver.js';
import { saveStateUri } from './argv.js';
import type { GuestProcesses } from './guest-processes.js';
import { fileExists, type InstancePaths } from './paths.js';
import type { LaunchSpec } from './spec-file.js';

/** How long a suspend may take to write the guest's memory: generous, at least 10 MiB/s. */
const saveTimeoutMs = (memoryMb: number) => 60_000 + memoryMb * 100;

/**
 * Suspend's first half: the guest's memory into `memory.state` (QMP migrate to a file). On
 * failure the guest keeps running as it was and no state file is left.
 */
export async function saveMemory(guests: GuestProcesses, spec: LaunchSpec, p: InstancePaths, state: string): Promise<void> {
  const id = spec.id;
  await rm(`${p.savedState}.part`, { force: true });
  await rm(p.savedState, { force: true });
  try {
    // The default migration bandwidth cap (128 MiB/s) is meant for networks, not a local file.
    await guests.command(id, p, 'migrate-set-parameters', { 'max-bandwidth': 8 * GiB });
    await guests.command(id, p, 'migrate', { uri: saveStateUri(p) });
    const deadline = Date.now() + saveTimeoutMs(spec.memoryMb);
    for (;;) {
      const m = await guests.command<{ status?: string; 'error-desc'?: string }>(id, p, 'query-migrate');
      if (m.status === 'completed' && (await fileExists(p.savedState))) return;
      if (m.status === 'failed' || m.status === 'cancelled') throw new DriverError(`Saving the memory of instance ${id} failed: ${m['error-desc'] ?? m.status}.`);
      if (Date.now() >= deadline) throw new DriverError(`Saving the memory of instance ${id} did not finish in time.`);
      await sleep(50);
    }
  } catch (err) {
    await guests.command(id, p, 'migrate_cancel').catch(() => undefined);
    if (state === 'running') await guests.command(id, p, 'cont').catch(() => undefined);
    await rm(`${p.savedState}.part`, { force: true });
    await rm(p.savedState, { force: true });
    throw err;
  }
}

/**
 * Resume's wait while a qemu started with `-incoming` reads the memory back: its run state once
 * loaded, or undefined when qemu exited instead (a state file it could not load).
 */
export async function waitWhileIncoming(guests: GuestProcesses, spec: LaunchSpec, p: InstancePaths): Promise<string | undefined> {
  const deadline = Date.now() + saveTimeoutMs(spec.memoryMb);
  for (;;) {
    const state = await guests.runState(spec.id, p);
    if (state !== 'inmigrate') {
      if (state !== undefined || !(await guests.pid(spec.id, p))) return state;
    } else if (Date.now() >= deadline) {
      throw new DriverError(`Instance ${spec.id} did not finish loading its saved state in time.`);
    }
    await sleep(50);
  }
}
