import { rm } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '@nimbus/core/logger';
import type { CommandRunner } from '../../../exec/runner.js';
import { DriverError } from '../driver.js';
import { processMarker, qemuArgv, type Accel, type DiskCache } from './argv.js';
import type { InstancePaths } from './paths.js';
import { killProcess, livePid, waitForExit } from './process.js';
import { QmpClient, QmpError } from './qmp.js';
import type { LaunchSpec } from './spec-file.js';

export interface GuestProcessesOptions {
  runner: CommandRunner;
  log: Logger;
  binary: string;
  startTimeoutMs: number;
  shutdownTimeoutMs: number;
}

interface Monitor {
  connecting: Promise<QmpClient>;
  client?: QmpClient;
}

/** How long `quit` (and then SIGKILL) gets to end a qemu process. */
const QUIT_TIMEOUT_MS = 5000;

/**
 * The qemu processes of one node's guests: launching them, finding them by pid file, talking to
 * them over QMP and stopping them. One QMP connection per guest is kept open (qemu serves one
 * client per monitor socket), made on first use, so guests adopted after an agent restart are
 * reached the same way as the ones this process launched.
 */
export class GuestProcesses {
  private readonly monitors = new Map<string, Monitor>();
  accel: Accel = 'tcg';
  cache: DiskCache = 'writeback';

  constructor(private readonly opts: GuestProcessesOptions) {}

  /** The pid of the guest's qemu, when it is alive. */
  pid(id: string, p: InstancePaths): Promise<number | undefined> {
    return livePid(p.pidFile, processMarker(id));
  }

  /** The open QMP connection to the guest, connecting once when there is none. */
  qmp(id: string, p: InstancePaths): Promise<QmpClient> {
    const known = this.monitors.get(id);
    if (known && !known.client?.closed) return known.connecting;
    const log = this.opts.log.child({ instanceId: id });
    const monitor: Monitor = {
      connecting: QmpClient.connect(p.qmpSocket, { onEvent: (e) => log.info({ event: e.event, data: e.data }, 'guest event') }),
    };
    this.monitors.set(id, monitor);
    monitor.connecting.then(
      (client) => (monitor.client = client),
      () => this.monitors.get(id) === monitor && this.monitors.delete(id),
    );
    return monitor.connecting;
  }

  /** qemu's run state of the guest (`running`, `paused`, ...), or undefined when no live qemu answers. */
  async runState(id: string, p: InstancePaths): Promise<string | undefined> {
    if (!(await this.pid(id, p))) return undefined;
    try {
      return (await (await this.qmp(id, p)).execute<{ status: string }>('query-status')).status;
    } catch {
      return undefined;
    }
  }

  /** Runs a QMP command on a live guest; a DriverError when it does not run. */
  async command<T = unknown>(id: string, p: InstancePaths, command: string, args?: Record<string, unknown>): Promise<T> {
    if (!(await this.pid(id, p))) throw new DriverError(`Instance ${id} is not running.`);
    return (await this.qmp(id, p)).execute<T>(command, args);
  }

  /**
   * Starts the guest's qemu and waits until QMP answers and the guest runs (or, with `incoming`,
   * until it waits for its memory). qemu daemonizes, so the command returns once it is set up.
   */
  async launch(spec: LaunchSpec, p: InstancePaths, incoming?: string): Promise<void> {
    this.disconnect(spec.id);
    await rm(p.qmpSocket, { force: true });
    await rm(p.pidFile, { force: true });
    const { binary, startTimeoutMs } = this.opts;
    await this.opts.runner.run(qemuArgv(spec, p, this.accel, { binary, cache: this.cache, incoming }), { timeoutMs: startTimeoutMs });
    const deadline = Date.now() + startTimeoutMs;
    for (;;) {
      const state = await this.runState(spec.id, p);
      if (state === 'running' || (incoming && (state === 'inmigrate' || state === 'paused'))) return;
      if (state !== undefined) throw new DriverError(`qemu started instance ${spec.id} but its guest is ${state}.`);
      if (!(await this.pid(spec.id, p))) throw new DriverError(`qemu for instance ${spec.id} exited right after it started.`);
      if (Date.now() >= deadline) throw new DriverError(`qemu for instance ${spec.id} did not answer QMP within ${startTimeoutMs} ms.`);
      await sleep(100);
    }
  }

  /** ACPI power button; resolves true once the guest's qemu has exited, false after the shutdown timeout. */
  async powerdown(id: string, p: InstancePaths): Promise<boolean> {
    const pid = await this.pid(id, p);
    if (!pid) return true;
    await (await this.qmp(id, p)).execute('system_powerdown');
    const gone = await waitForExit(pid, processMarker(id), this.opts.shutdownTimeoutMs);
    if (gone) this.disconnect(id);
    return gone;
  }

  /**
   * Ends the guest's qemu: graceful asks a running guest to power off first (ACPI); then `quit`,
   * then SIGKILL. A guest that is not running succeeds at once.
   */
  async stop(id: string, p: InstancePaths, opts: { graceful: boolean }): Promise<void> {
    const pid = await this.pid(id, p);
    if (!pid) return this.disconnect(id);
    const log = this.opts.log.child({ instanceId: id });
    if (opts.graceful && (await this.runState(id, p)) === 'running') {
      if (await this.powerdown(id, p).catch(() => false)) return;
      log.warn({ timeoutMs: this.opts.shutdownTimeoutMs }, 'guest did not power off on ACPI in time; stopping it');
    }
    const marker = processMarker(id);
    await this.qmp(id, p)
      .then((qmp) => qmp.execute('quit', undefined, QUIT_TIMEOUT_MS))
      .catch((err: unknown) => {
        // The reply races the process's exit: a closed connection is what quitting looks like.
        if (!(err instanceof QmpError && err.errorClass === 'Disconnected')) log.warn({ err: (err as Error).message }, 'QMP quit failed');
      });
    if (!(await waitForExit(pid, marker, QUIT_TIMEOUT_MS))) {
      log.warn({ pid }, 'qemu did not quit; killing it');
      await killProcess(pid, marker);
      if (!(await waitForExit(pid, marker, QUIT_TIMEOUT_MS))) throw new DriverError(`qemu (pid ${pid}) of instance ${id} does not die.`);
    }
    this.disconnect(id);
  }

  disconnect(id: string): void {
    const known = this.monitors.get(id);
    this.monitors.delete(id);
    known?.connecting.then((c) => c.close(), () => undefined);
  }

  /** Closes every QMP connection; the guests keep running. */
  closeAll(): void {
    for (const id of [...this.monitors.keys()]) this.disconnect(id);
  }
}
