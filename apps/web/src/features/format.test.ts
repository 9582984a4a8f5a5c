import { describe, expect, it } from 'vitest';
import { formatTime } from './format';

describe('formatTime', () => {
  it('formats in UTC, with or without seconds', () => {
    expect(formatTime(new Date('2026-11-25T14:03:09.123Z'))).toBe('2026-11-25 14:03 UTC');
    expect(formatTime('2026-11-25T14:03:09.123+01:00', true)).toBe('2026-11-25 13:03:09 UTC');
  });

  it('is empty for nothing or nonsense', () => {
    expect(formatTime(null)).toBe('');
    expect(formatTime('not a date')).toBe('');
  });
});
