import { PowerState } from '@nimbus/shared/compute-states';
import type { PowerStateNumber } from '../driver.js';

/**
 * Nova's power state from qemu's run state (QMP `query-status`), as libvirt maps them: the guest
 * runs; or is stopped with its memory kept (paused by us, pre-launch, migrating, S3 suspended,
 * stopped on an I/O error or watchdog); or is dead inside a live process (emulation failure,
 * panic); or powered off in a process kept alive.
 */
export function powerStateFromRunState(status: string): PowerStateNumber {
  switch (status) {
    case 'running':
      return PowerState.Running;
    case 'internal-error':
    case 'guest-panicked':
      return PowerState.Crashed;
    case 'shutdown':
      return PowerState.Shutdown;
    default:
      return PowerState.Paused;
  }
}

export interface Observation {
  /** Our qemu process for the guest is alive. */
  alive: boolean;
  /** Its run state, when QMP answered. */
  runState?: string;
  /** A saved memory image (suspend) is on disk. */
  savedState: boolean;
}

/**
 * What getInfo reports: from QMP while the process lives (a live process that does not answer is
 * NOSTATE, not a guess), suspended when only the saved memory is left, shut down otherwise.
 */
export function observedPowerState(o: Observation): PowerStateNumber {
  if (o.alive) return o.runState === undefined ? PowerState.NoState : powerStateFromRunState(o.runState);
  return o.savedState ? PowerState.Suspended : PowerState.Shutdown;
}
