import { createServer, type Server, type Socket } from 'node:net';

/**
 * A QMP server inside the test process, for unit tests of code that speaks QMP: greets as qemu
 * 7.2 does (unless `greet` is false), hands every command to `reply`. Never used outside tests.
 */
export interface QmpCommand {
  execute: string;
  arguments?: Record<string, unknown>;
  id?: unknown;
}

export async function serveQmp(path: string, reply: (cmd: QmpCommand, socket: Socket) => void, greet = true): Promise<Server> {
  const server = createServer((socket) => {
    if (greet) sendQmp(socket, { QMP: { version: { qemu: { major: 7, minor: 2, micro: 22 }, package: '' }, capabilities: ['oob'] } });
    let buf = '';
    socket.on('data', (d) => {
      buf += d.toString();
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const cmd = JSON.parse(buf.slice(0, nl)) as QmpCommand;
        buf = buf.slice(nl + 1);
        reply(cmd, socket);
      }
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((r) => server.listen(path, r));
  return server;
}

export function sendQmp(socket: Socket, msg: unknown): void {
  socket.write(`${JSON.stringify(msg)}\r\n`);
}
