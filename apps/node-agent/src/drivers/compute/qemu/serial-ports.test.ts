import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { allocatePort, portIsFree } from './serial-ports.js';

describe('serial port allocation', () => {
  it('skips ports given to other guests and ports something listens on', async () => {
    const busy = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
    const port = (busy.address() as { port: number }).port;
    try {
      expect(await portIsFree('127.0.0.1', port)).toBe(false);
      // The range starts at the busy port; the next one is given to another guest.
      const got = await allocatePort('127.0.0.1', { min: port, max: port + 50 }, new Set([port + 1]));
      expect(got).toBeGreaterThan(port + 1);
      expect(await allocatePort('127.0.0.1', { min: port, max: port + 1 }, new Set([port + 1]))).toBeUndefined();
    } finally {
      await new Promise((r) => busy.close(r));
    }
    expect(await portIsFree('127.0.0.1', port)).toBe(true);
  });
});
