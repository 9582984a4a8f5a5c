import { connect, type Socket } from 'node:net';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';

/**
 * A bare qemu's serial port for tests: qemu serves it on a unix socket (for typing) and copies
 * everything the guest writes to a log file, which `waitFor` reads — so nothing printed before
 * the test connected is missed.
 *
 *   -chardev socket,id=serial0,path=<sock>,server=on,wait=off,logfile=<log> -serial chardev:serial0
 */
export function serialArgs(socketPath: string, logPath: string): string[] {
  return ['-chardev', `socket,id=serial0,path=${socketPath},server=on,wait=off,logfile=${logPath}`, '-serial', 'chardev:serial0'];
}

export class SerialConsole {
  private socket: Socket | undefined;

  constructor(
    private readonly socketPath: string,
    private readonly logPath: string,
  ) {}

  /** Everything the guest has printed so far, carriage returns dropped. */
  async text(): Promise<string> {
    const raw = await readFile(this.logPath, 'utf8').catch(() => '');
    return raw.replace(/\r/g, '');
  }

  /** Waits until the output (from `after` characters on) matches; resolves with the match. */
  async waitFor(pattern: RegExp, timeoutMs: number, after = 0): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = (await this.text()).slice(after).match(pattern);
      if (found) return found;
      if (Date.now() > deadline) {
        throw new Error(`serial console: no ${pattern} within ${timeoutMs} ms; it shows:\n${(await this.text()).slice(-2000)}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Types `text` on the console (a carriage return ends a line, as on a terminal). */
  async type(text: string): Promise<void> {
    if (!this.socket) {
      this.socket = connect(this.socketPath);
      await once(this.socket, 'connect');
    }
    this.socket.write(text);
  }

  close(): void {
    this.socket?.destroy();
  }
}
