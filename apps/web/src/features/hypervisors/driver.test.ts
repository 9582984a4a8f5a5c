import { describe, expect, it } from 'vitest';
import { driverLabel, formatHypervisorVersion } from './driver';

describe('formatHypervisorVersion', () => {
  it("reads Nova's integer versions", () => {
    expect(formatHypervisorVersion(7002000)).toBe('7.2.0');
    expect(formatHypervisorVersion(9000001)).toBe('9.0.1');
    expect(formatHypervisorVersion(0)).toBe('');
  });
});

describe('driverLabel', () => {
  it('labels fake nodes before anything else', () => {
    expect(driverLabel({ fake: true, accel: 'KVM' })?.text).toBe('FAKE driver');
  });

  it('says KVM or TCG, and nothing when the driver does not tell', () => {
    expect(driverLabel({ fake: false, accel: 'KVM' })?.text).toBe('KVM');
    expect(driverLabel({ fake: false, accel: 'TCG' })?.text).toBe('TCG (software emulation)');
    expect(driverLabel({ fake: false, accel: null })).toBeNull();
  });
});
