import { describe, expect, it } from 'vitest';
import { isTransitional, statusLabel, statusTone } from './status';

describe('statusTone', () => {
  it.each([
    ['ACTIVE', 'active'],
    ['available', 'active'],
    ['in-use', 'active'],
    ['enabled', 'active'],
    ['BUILD', 'building'],
    ['HARD_REBOOT', 'building'],
    ['creating', 'building'],
    ['PENDING_CREATE', 'building'],
    ['ERROR', 'error'],
    ['error_deleting', 'error'],
    ['SHUTOFF', 'shutoff'],
    ['disabled', 'shutoff'],
    ['VERIFY_RESIZE', 'warning'],
    ['PAUSED', 'warning'],
  ] as const)('%s → %s', (status, tone) => {
    expect(statusTone(status)).toBe(tone);
  });

  it('treats empty and unknown statuses as neutral, never as healthy', () => {
    expect(statusTone(undefined)).toBe('shutoff');
    expect(statusTone('')).toBe('shutoff');
    expect(statusTone('SOMETHING_NEW')).toBe('shutoff');
  });

  it('ignores case and surrounding spaces', () => {
    expect(statusTone('  Active ')).toBe('active');
  });
});

describe('isTransitional', () => {
  it('is true only for statuses that change by themselves', () => {
    expect(isTransitional('BUILD')).toBe(true);
    expect(isTransitional('deleting')).toBe(true);
    expect(isTransitional('ACTIVE')).toBe(false);
    expect(isTransitional('ERROR')).toBe(false);
  });
});

describe('statusLabel', () => {
  it.each([
    ['ACTIVE', 'Active'],
    ['in-use', 'In use'],
    ['SHUTOFF', 'Shut off'],
    ['BUILD', 'Building'],
    ['ERROR_DELETING', 'Error deleting'],
    [null, 'Unknown'],
  ] as const)('%s → %s', (status, label) => {
    expect(statusLabel(status)).toBe(label);
  });
});
