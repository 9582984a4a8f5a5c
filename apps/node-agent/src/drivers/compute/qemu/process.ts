import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Finding a daemonized qemu again. qemu is not the agent's child (it daemonizes, and survives the
 * agent), so it is found by its pid file and recognised by its command line: a pid that was
 * recycled, or a dead qemu left as a zombie (empty cmdline), never counts as the guest.
 */
export async function readPid(pidFile: string): Promise<number | undefined> {
  const text = await readFile(pidFile, 'utf8').catch(() => '');
  const pid = Number.parseInt(text.trim(), 10);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

export async function isProcess(pid: number, marker: string): Promise<boolean> {
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  return cmdline.split('\0').some((arg) => arg.includes(marker));
}

/** The pid in `pidFile` when that process is alive and carries `marker`. */
export async function livePid(pidFile: string, marker: string): Promise<number | undefined> {
  const pid = await readPid(pidFile);
  return pid !== undefined && (await isProcess(pid, marker)) ? pid : undefined;
}

/** Resolves true once the process is gone, false if it is still there after `timeoutMs`. */
export async function waitForExit(pid: number, marker: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!(await isProcess(pid, marker))) return true;
    if (Date.now() >= deadline) return false;
    await sleep(50);
  }
}

/** SIGKILL, only to the process that still carries `marker`. */
export async function killProcess(pid: number, marker: string): Promise<void> {
  if (!(await isProcess(pid, marker))) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
  }
}
