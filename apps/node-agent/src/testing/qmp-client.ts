import { connect, type Socket } from 'node:net';
import { once } from 'node:events';

/**
 * A minimal QMP client for tests that drive a bare qemu (`-qmp unix:<path>,server=on,wait=off`):
 * one command at a time, asynchronous events skipped.
 */
export class QmpClient {
  private buffered = '';
  private waiting: ((msg: Record<string, unknown>) => void) | undefined;
  private readonly replies: Record<string, unknown>[] = [];

  private constructor(private readonly socket: Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      this.buffered += chunk;
      let nl: number;
      while ((nl = this.buffered.indexOf('\n')) >= 0) {
        const line = this.buffered.slice(0, nl).trim();
        this.buffered = this.buffered.slice(nl + 1);
        if (!line) continue;
        const msg = JSON.parse(line) as Record<string, unknown>;
        if ('event' in msg) continue;
        if (this.waiting) this.waiting(msg);
        else this.replies.push(msg);
      }
    });
  }

  /** Connects (retrying while qemu creates the socket) and leaves capabilities negotiation done. */
  static async connect(path: string, timeoutMs = 10_000): Promise<QmpClient> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const socket = connect(path);
      try {
        await once(socket, 'connect');
        const qmp = new QmpClient(socket);
        await qmp.next(); // the greeting
        await qmp.execute('qmp_capabilities');
        return qmp;
      } catch (err) {
        socket.destroy();
        if (Date.now() > deadline) throw err;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  }

  private next(): Promise<Record<string, unknown>> {
    const queued = this.replies.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      const onClose = () => reject(new Error('QMP connection closed'));
      this.socket.once('close', onClose);
      this.waiting = (msg) => {
        this.waiting = undefined;
        this.socket.off('close', onClose);
        resolve(msg);
      };
    });
  }

  /** Runs a command; resolves with its `return` value, rejects with qemu's error description. */
  async execute(command: string, args?: Record<string, unknown>): Promise<unknown> {
    this.socket.write(`${JSON.stringify(args ? { execute: command, arguments: args } : { execute: command })}\n`);
    const reply = await this.next();
    if ('error' in reply) throw new Error(`QMP ${command}: ${(reply.error as { desc?: string }).desc ?? 'failed'}`);
    return reply.return;
  }

  close(): void {
    this.socket.destroy();
  }
}
