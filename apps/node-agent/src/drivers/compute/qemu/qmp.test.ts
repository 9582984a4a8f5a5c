import { mkdtemp, rm } from 'node:fs/promises';
import type { Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { QmpClient, QmpError, type QmpEvent } from './qmp.js';
import { serveQmp, sendQmp, type QmpCommand } from './qmp-test-server.js';

let dir: string;
let server: Server | undefined;
let seen: QmpCommand[];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nimbus-qmp-'));
  seen = [];
});
afterEach(async () => {
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  await rm(dir, { recursive: true, force: true });
});

async function serve(reply: (cmd: QmpCommand, socket: Socket) => void, greet = true): Promise<string> {
  const path = join(dir, 'qmp.sock');
  server = await serveQmp(
    path,
    (cmd, socket) => {
      seen.push(cmd);
      reply(cmd, socket);
    },
    greet,
  );
  return path;
}

const send = sendQmp;

describe('QMP client', () => {
  it('negotiates capabilities, then matches replies to commands by id, in any order, between events', async () => {
    const events: QmpEvent[] = [];
    let held: { id?: unknown; socket: Socket } | undefined;
    const path = await serve((cmd, socket) => {
      if (cmd.execute === 'qmp_capabilities') return send(socket, { return: {}, id: cmd.id });
      if (cmd.execute === 'query-status' && !held) {
        held = { id: cmd.id, socket };
        return;
      }
      send(socket, { event: 'STOP', data: { reason: 'x' }, timestamp: { seconds: 1, microseconds: 2 } });
      send(socket, { return: { echoed: cmd.arguments }, id: cmd.id });
      send(socket, { return: { status: 'paused', running: false }, id: held?.id });
    });
    const qmp = await QmpClient.connect(path, { onEvent: (e) => events.push(e) });
    const status = qmp.execute('query-status');
    const other = qmp.execute('human-monitor-command', { 'command-line': 'info version' });
    expect(await other).toEqual({ echoed: { 'command-line': 'info version' } });
    expect(await status).toEqual({ status: 'paused', running: false });
    expect(events).toEqual([{ event: 'STOP', data: { reason: 'x' } }]);
    expect(seen[0]).toMatchObject({ execute: 'qmp_capabilities' });
    expect(seen.slice(1).map((c) => c.execute)).toEqual(['query-status', 'human-monitor-command']);
    qmp.close();
    expect(qmp.closed).toBe(true);
  });

  it('turns qemu errors into QmpError with their class', async () => {
    const path = await serve((cmd, socket) => {
      if (cmd.execute === 'qmp_capabilities') return send(socket, { return: {}, id: cmd.id });
      send(socket, { error: { class: 'CommandNotFound', desc: `The command ${cmd.execute} has not been found` }, id: cmd.id });
    });
    const qmp = await QmpClient.connect(path);
    const err = await qmp.execute('nonsense').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QmpError);
    expect(err).toMatchObject({ errorClass: 'CommandNotFound', message: 'The command nonsense has not been found' });
    qmp.close();
  });

  it('times out a command that gets no reply, and fails pending commands when qemu goes away', async () => {
    const path = await serve((cmd, socket) => {
      if (cmd.execute === 'qmp_capabilities') return send(socket, { return: {}, id: cmd.id });
      if (cmd.execute === 'quit') socket.destroy();
    });
    const qmp = await QmpClient.connect(path);
    await expect(qmp.execute('query-status', undefined, 50)).rejects.toMatchObject({ errorClass: 'Timeout' });
    await expect(qmp.execute('quit')).rejects.toMatchObject({ errorClass: 'Disconnected' });
    expect(qmp.closed).toBe(true);
    await expect(qmp.execute('query-status')).rejects.toMatchObject({ errorClass: 'Disconnected' });
  });

  it('gives up on a socket that never greets (another client holds the monitor) and on a missing socket', async () => {
    const path = await serve(() => undefined, false);
    await expect(QmpClient.connect(path, { timeoutMs: 100 })).rejects.toMatchObject({ errorClass: 'Timeout' });
    await expect(QmpClient.connect(join(dir, 'missing.sock'))).rejects.toMatchObject({ errorClass: 'Disconnected' });
  });
});
