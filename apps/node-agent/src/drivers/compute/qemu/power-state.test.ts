import { describe, expect, it } from 'vitest';
import { observedPowerState, powerStateFromRunState } from './power-state.js';

describe('qemu power states', () => {
  it('maps QMP run states to Nova power states', () => {
    expect(powerStateFromRunState('running')).toBe(1);
    for (const s of ['paused', 'prelaunch', 'suspended', 'inmigrate', 'postmigrate', 'finish-migrate', 'io-error', 'watchdog', 'debug']) {
      expect(powerStateFromRunState(s), s).toBe(3);
    }
    expect(powerStateFromRunState('internal-error')).toBe(6);
    expect(powerStateFromRunState('guest-panicked')).toBe(6);
    expect(powerStateFromRunState('shutdown')).toBe(4);
  });

  it('reads a live process only through QMP, and a dead one as suspended or shut down', () => {
    expect(observedPowerState({ alive: true, runState: 'running', savedState: false })).toBe(1);
    // A resume in progress: the process is the truth, not the leftover file.
    expect(observedPowerState({ alive: true, runState: 'inmigrate', savedState: true })).toBe(3);
    expect(observedPowerState({ alive: true, savedState: false })).toBe(0);
    expect(observedPowerState({ alive: false, savedState: true })).toBe(7);
    expect(observedPowerState({ alive: false, savedState: false })).toBe(4);
  });
});
