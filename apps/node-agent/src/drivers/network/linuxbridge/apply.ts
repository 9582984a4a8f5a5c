import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CommandRunner } from '../../../exec/runner.js';
import type { Step } from './actions.js';

const STOP_WAIT_MS = 5000;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Carries out one step: host commands only through the runner, files written whole. */
export async function runStep(step: Step, runner: CommandRunner): Promise<void> {
  if ('run' in step) {
    await runner.run(step.run, { timeoutMs: 15_000, ...(step.okCodes ? { okCodes: step.okCodes } : {}) });
  } else if ('write' in step) {
    await mkdir(dirname(step.write), { recursive: true });
    await writeFile(step.write, step.content);
  } else if ('remove' in step) {
    await rm(step.remove, { recursive: true, force: true });
  } else {
    const until = Date.now() + STOP_WAIT_MS;
    while (alive(step.waitExit) && Date.now() < until) await sleep(20);
  }
}
