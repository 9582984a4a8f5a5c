import type { InstancePaths } from './paths.js';
import { dashedUuid } from './paths.js';
import type { LaunchSpec } from './spec-file.js';

export type Accel = 'kvm' | 'tcg';
export type DiskCache = 'none' | 'writeback';

export interface LaunchOptions {
  binary: string;
  cache: DiskCache;
  /** Start paused and load the guest's memory from this migration URI (resume). */
  incoming?: string;
}

/**
 * What makes a process recognisably this guest's qemu: it is in the command line (`-name`), so
 * `/proc/<pid>/cmdline` and `pgrep -f` find it, and a recycled pid never passes for the guest.
 */
export function processMarker(id: string): string {
  return `nimbus-${id}`;
}

/** A literal comma inside a qemu option value is written twice. */
const opt = (value: string) => value.replaceAll(',', ',,');

/**
 * The qemu command line of a guest (pure). The root disk is the first virtio disk and the config
 * drive the second, read-only (the guest contract). qemu daemonizes once the guest is set up, so
 * guests outlive the agent, and is reached afterwards through its QMP socket and pid file.
 */
export function qemuArgv(spec: LaunchSpec, paths: InstancePaths, accel: Accel, opts: LaunchOptions): string[] {
  return [
    opts.binary,
    '-name', `guest=${spec.id},process=${processMarker(spec.id)}`,
    '-uuid', dashedUuid(spec.id),
    // graphics=off: SeaBIOS writes to the serial port too, so even a disk that does not boot leaves a console log.
    '-machine', 'pc,graphics=off',
    '-accel', accel,
    // TCG emulates every feature it can; KVM passes the host's through.
    '-cpu', accel === 'kvm' ? 'host' : 'max',
    '-smp', String(spec.vcpus),
    '-m', String(spec.memoryMb),
    '-nodefaults', '-no-user-config', '-display', 'none', '-vga', 'none',
    '-drive', `file=${opt(paths.disk)},if=virtio,format=qcow2,cache=${opts.cache}`,
    '-drive', `file=${opt(paths.configDrive)},if=virtio,format=raw,readonly=on,cache=${opts.cache}`,
    '-chardev', `socket,id=serial0,host=${spec.serialHost},port=${spec.serialPort},server=on,wait=off,logfile=${opt(paths.consoleLog)},logappend=on`,
    '-serial', 'chardev:serial0',
    '-qmp', `unix:${opt(paths.qmpSocket)},server=on,wait=off`,
    '-pidfile', paths.pidFile,
    '-daemonize',
    ...(opts.incoming ? ['-S', '-incoming', opts.incoming] : []),
  ];
}

/** A word for `/bin/sh`, whatever it contains. */
export function shellQuote(s: string): string {
  return `'${s.replaceAll("'", `'\\''`)}'`;
}

/**
 * Where suspend writes the guest's memory. qemu 7.2 has no `file:` migration, so `exec:` through
 * `/bin/sh`; the stream goes to a `.part` file renamed only once `cat` saw all of it, so a present
 * state file is always a complete one.
 */
export function saveStateUri(paths: InstancePaths): string {
  const part = shellQuote(`${paths.savedState}.part`);
  return `exec:cat > ${part} && mv ${part} ${shellQuote(paths.savedState)}`;
}

/** Where resume reads the guest's memory from. */
export function loadStateUri(paths: InstancePaths): string {
  return `exec:cat ${shellQuote(paths.savedState)}`;
}
