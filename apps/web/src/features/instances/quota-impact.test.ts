import { describe, expect, it } from 'vitest';
import { describeLine, quotaImpact } from './quota-impact';
import { formatDuration } from './duration';
import { stateReason } from './actions';

describe('quota impact', () => {
  const quota = { instances: { limit: 10, used: 2 }, cores: { limit: 20, used: 18 }, ram: { limit: -1, used: 4096 } };
  it('says what a launch uses of what remains, and whether it fits', () => {
    const [inst, cores, ram] = quotaImpact(quota, 2, { vcpus: 2, ramMb: 512 });
    expect(describeLine(inst!)).toBe('uses 2 of 8 remaining instances');
    expect(cores).toMatchObject({ need: 4, remaining: 2, fits: false });
    expect(describeLine(ram!)).toBe('uses 1024 MB RAM (no limit)');
    expect(ram!.fits).toBe(true);
  });
});

describe('durations', () => {
  it('reads as people say them', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(1_234)).toBe('1.2 s');
    expect(formatDuration(12_300)).toBe('12 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
    expect(formatDuration(null)).toBe('in progress');
  });
});

describe('action reasons', () => {
  const row = { id: 'i', vmState: 'stopped', taskState: null, status: 'SHUTOFF' };
  it('allows what the state allows and explains the rest', () => {
    expect(stateReason('start', row)).toBeUndefined();
    expect(stateReason('stop', row)).toBe('Not while the instance is shutoff.');
    expect(stateReason('start', { ...row, taskState: 'powering-on' })).toBe('Not while the instance is busy (powering-on).');
  });
});
