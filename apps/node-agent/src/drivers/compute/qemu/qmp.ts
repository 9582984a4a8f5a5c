import { createConnection, type Socket } from 'node:net';

/** A command qemu refused (`{"error": {"class", "desc"}}`), or a broken connection. */
export class QmpError extends Error {
  override readonly name = 'QmpError';
  constructor(
    message: string,
    /** qemu's error class (`GenericError`, `CommandNotFound`, ...); `Disconnected` or `Timeout` for ours. */
    readonly errorClass: string,
  ) {
    super(message);
  }
}

/** An asynchronous event qemu sends between replies (`SHUTDOWN`, `STOP`, `GUEST_PANICKED`, ...). */
export interface QmpEvent {
  event: string;
  data?: Record<string, unknown>;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

export interface QmpConnectOptions {
  /** How long the greeting and capabilities negotiation may take. */
  timeoutMs?: number;
  onEvent?: (event: QmpEvent) => void;
}

/**
 * A QMP client (qemu's JSON machine protocol): one JSON document per line; qemu greets first,
 * `qmp_capabilities` leaves negotiation mode, then each command carries an `id` its reply echoes,
 * and events arrive in between. qemu serves one client per QMP socket at a time.
 */
export class QmpClient {
  private buffer = '';
  private nextId = 1;
  private readonly pending = new Map<string, Pending>();
  private greeting?: (err?: Error) => void;
  private ended = false;

  private constructor(
    private readonly socket: Socket,
    private readonly onEvent?: (event: QmpEvent) => void,
  ) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => this.receive(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => this.fail(new QmpError('QMP connection closed', 'Disconnected')));
  }

  /** Connects to a QMP socket and negotiates capabilities; rejects when qemu does not greet in time. */
  static async connect(path: string, opts: QmpConnectOptions = {}): Promise<QmpClient> {
    const timeoutMs = opts.timeoutMs ?? 5000;
    const socket = createConnection(path);
    const client = new QmpClient(socket, opts.onEvent);
    const timer = setTimeout(() => client.fail(new QmpError(`no QMP greeting on ${path} within ${timeoutMs} ms`, 'Timeout')), timeoutMs);
    try {
      await new Promise<void>((resolve, reject) => {
        client.greeting = (err) => (err ? reject(err) : resolve());
        socket.once('error', (err) => client.fail(new QmpError(`QMP ${path}: ${err.message}`, 'Disconnected')));
      });
      await client.execute('qmp_capabilities', undefined, timeoutMs);
      return client;
    } catch (err) {
      client.close();
      throw err;
    } finally {
      clearTimeout(timer);
    }
  }

  get closed(): boolean {
    return this.ended;
  }

  /** Runs a command and resolves with its `return` value. */
  execute<T = unknown>(command: string, args?: Record<string, unknown>, timeoutMs = 10_000): Promise<T> {
    if (this.ended) return Promise.reject(new QmpError(`QMP connection closed before ${command}`, 'Disconnected'));
    const id = String(this.nextId++);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new QmpError(`QMP ${command}: no reply within ${timeoutMs} ms`, 'Timeout'));
      }, timeoutMs);
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
      this.socket.write(`${JSON.stringify({ execute: command, ...(args ? { arguments: args } : {}), id })}\n`);
    });
  }

  close(): void {
    this.socket.destroy();
    this.fail(new QmpError('QMP connection closed', 'Disconnected'));
  }

  private receive(chunk: string): void {
    this.buffer += chunk;
    let nl: number;
    while ((nl = this.buffer.indexOf('\n')) >= 0) {
      const line = this.buffer.slice(0, nl).trim();
      this.buffer = this.buffer.slice(nl + 1);
      if (line) this.message(line);
    }
  }

  private message(line: string): void {
    let msg: Record<string, unknown>;
    try {
      msg = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return this.close();
    }
    if ('QMP' in msg) {
      this.greeting?.();
      this.greeting = undefined;
      return;
    }
    if (typeof msg['event'] === 'string') {
      this.onEvent?.({ event: msg['event'], ...(msg['data'] ? { data: msg['data'] as Record<string, unknown> } : {}) });
      return;
    }
    const id = msg['id'];
    const p = typeof id === 'string' ? this.pending.get(id) : undefined;
    if (!p || typeof id !== 'string') return;
    this.pending.delete(id);
    clearTimeout(p.timer);
    const error = msg['error'] as { class?: string; desc?: string } | undefined;
    if (error) p.reject(new QmpError(error.desc ?? 'QMP error', error.class ?? 'GenericError'));
    else p.resolve(msg['return']);
  }

  private fail(err: QmpError): void {
    this.ended = true;
    this.greeting?.(err);
    this.greeting = undefined;
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(err);
    }
    this.pending.clear();
  }
}
