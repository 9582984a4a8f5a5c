import { describe, expect, it } from 'vitest';
import { replayText } from './serial-console-replay';

describe('replayText', () => {
  it('drops terminal queries and turns newlines into CRLF', () => {
    expect(replayText('NIMBUS_BOOT_OK\nhostname: vm\n/ # \x1b[6n')).toBe('NIMBUS_BOOT_OK\r\nhostname: vm\r\n/ # ');
  });
  it('keeps colours and existing CRLF', () => {
    expect(replayText('\x1b[1;32mok\x1b[0m\r\nnext')).toBe('\x1b[1;32mok\x1b[0m\r\nnext');
  });
});
