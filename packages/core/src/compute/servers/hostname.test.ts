import { describe, expect, it } from 'vitest';
import { instanceHostname, sanitizeHostname } from './hostname.js';

describe("Nova's hostname sanitising", () => {
  it('lowercases, turns spaces, underscores and dots into dashes, drops the rest', () => {
    expect(sanitizeHostname('My Web_Server.example')).toBe('my-web-server-example');
    expect(sanitizeHostname('a!b@c#d$')).toBe('abcd');
    expect(sanitizeHostname('--Web--')).toBe('web');
    expect(sanitizeHostname('...')).toBe('');
  });

  it('keeps Latin-1 letters and drops characters beyond it', () => {
    expect(sanitizeHostname('Café☃')).toBe('café');
    expect(sanitizeHostname('日本')).toBe('');
  });

  it('cuts to 63 characters before stripping', () => {
    const long = `${'a'.repeat(62)}-bbbb`;
    expect(sanitizeHostname(long)).toBe('a'.repeat(62));
    expect(sanitizeHostname('x'.repeat(100))).toHaveLength(63);
  });

  it('falls back to Server-<uuid> when nothing is left, in single and multi creates', () => {
    const id = '0b9e3c2a-1111-4222-8333-444455556666';
    expect(instanceHostname('web', id, 'web')).toBe('web');
    expect(instanceHostname('Web-2', id, 'Web')).toBe('web-2');
    expect(instanceHostname('日本', id, '日本')).toBe(`Server-${id}`);
    expect(instanceHostname('日本-2', id, '日本')).toBe(`Server-${id}`);
  });
});
