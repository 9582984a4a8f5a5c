import { spawn } from 'node:child_process';
import type { Logger } from '@nimbus/core/logger';

/**
 * The one way drivers run host commands (DESIGN.md §6): drivers build argv arrays (pure, tested
 * against golden files) and hand them here. No shell, a timeout on every call, each call logged
 * with its duration, and arguments listed in `redact` replaced by `***` in logs and errors.
 */
export interface RunOptions {
  /** Milliseconds before the command is killed (SIGKILL) and the call fails; default 60 s. */
  timeoutMs?: number;
  /** Written to the command's stdin, then stdin is closed. */
  input?: string | Buffer;
  /** Extra environment (merged over the agent's). */
  env?: Record<string, string>;
  cwd?: string;
  /** Exit codes that count as success (default [0]). */
  okCodes?: readonly number[];
  /** Argument values never to be logged. */
  redact?: readonly string[];
  /**
   * Run the command detached in its own session and do not wait for it (daemons such as
   * `qemu-system-x86_64 -daemonize` fork themselves anyway); resolves once it is started.
   */
  detached?: boolean;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export class CommandError extends Error {
  override readonly name = 'CommandError';
  constructor(
    message: string,
    readonly argv: readonly string[],
    readonly code: number | null,
    readonly stderr: string,
  ) {
    super(message);
  }
}

export interface CommandRunner {
  run(argv: readonly string[], opts?: RunOptions): Promise<RunResult>;
}

const MAX_OUTPUT = 4 * 1024 * 1024;

function shown(argv: readonly string[], redact: readonly string[] = []): string {
  return argv.map((a) => (redact.length && redact.some((r) => r && a.includes(r)) ? '***' : a)).join(' ');
}

/** Runs commands on this host with `child_process.spawn` (no shell). */
export class HostCommandRunner implements CommandRunner {
  constructor(private readonly log?: Logger) {}

  run(argv: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
    if (argv.length === 0) return Promise.reject(new Error('empty argv'));
    const [cmd, ...args] = argv as [string, ...string[]];
    const started = performance.now();
    const text = shown(argv, opts.redact);
    return new Promise<RunResult>((resolve, reject) => {
      const child = spawn(cmd, args, {
        cwd: opts.cwd,
        env: opts.env ? { ...process.env, ...opts.env } : process.env,
        stdio: opts.detached ? 'ignore' : ['pipe', 'pipe', 'pipe'],
        detached: opts.detached ?? false,
      });
      if (opts.detached) {
        child.once('error', (err) => reject(new CommandError(`${text}: ${err.message}`, argv, null, '')));
        child.once('spawn', () => {
          child.unref();
          this.log?.debug({ cmd: text, pid: child.pid }, 'command started detached');
          resolve({ code: 0, stdout: '', stderr: '' });
        });
        return;
      }
      let stdout = '';
      let stderr = '';
      child.stdout!.on('data', (d: Buffer) => {
        if (stdout.length < MAX_OUTPUT) stdout += d.toString();
      });
      child.stderr!.on('data', (d: Buffer) => {
        if (stderr.length < MAX_OUTPUT) stderr += d.toString();
      });
      const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
      let timedOut = false;
      timer.unref();
      child.once('exit', (_c, signal) => {
        if (signal === 'SIGKILL') timedOut = true;
      });
      child.once('error', (err) => {
        clearTimeout(timer);
        reject(new CommandError(`${text}: ${err.message}`, argv, null, ''));
      });
      child.once('close', (code) => {
        clearTimeout(timer);
        const ms = Math.round(performance.now() - started);
        const ok = code !== null && (opts.okCodes ?? [0]).includes(code);
        this.log?.debug({ cmd: text, code, ms }, 'command ran');
        if (ok) return resolve({ code: code!, stdout, stderr });
        const why = timedOut ? `timed out after ${opts.timeoutMs ?? 60_000} ms` : `exited with ${code}`;
        const tail = stderr.trim().split('\n').slice(-5).join('\n');
        reject(new CommandError(`${text} ${why}${tail ? `: ${tail}` : ''}`, argv, code, stderr));
      });
      if (opts.input !== undefined) child.stdin!.end(opts.input);
      else child.stdin!.end();
    });
  }
}
