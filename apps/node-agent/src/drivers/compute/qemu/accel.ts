import { open, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '@nimbus/core/logger';
import type { CommandRunner } from '../../../exec/runner.js';
import type { Accel } from './argv.js';
import { killProcess, readPid, waitForExit } from './process.js';
import { QmpClient } from './qmp.js';

/** What the probe guest prints on COM1 once it has run. */
export const PROBE_MARKER = 'K';

/**
 * A 512-byte boot sector that does what every real guest's boot loader does early and a broken
 * KVM cannot: enter 32-bit protected mode and take an interrupt (`int` + `iret`); then it prints
 * PROBE_MARKER on COM1 and halts. On hosts whose /dev/kvm only runs PVM guests a plain real-mode
 * sector runs fine while real guests die with an emulation failure on their first `iret`, so a
 * simpler probe would pick KVM wrongly. Loaded at 0x7c00; offsets below are within the sector.
 */
export function probeBootSector(): Buffer {
  const s = Buffer.alloc(512);
  // prettier-ignore
  const code = [
    0xfa,                         // 00 cli
    0x31, 0xc0,                   // 01 xor ax, ax
    0x8e, 0xd8,                   // 03 mov ds, ax
    0x8e, 0xd0,                   // 05 mov ss, ax
    0xbc, 0x00, 0x7c,             // 07 mov sp, 0x7c00
    0x0f, 0x01, 0x16, 0x58, 0x7c, // 0a lgdt [0x7c58]
    0x0f, 0x01, 0x1e, 0x60, 0x7c, // 0f lidt [0x7c60]
    0x0f, 0x20, 0xc0,             // 14 mov eax, cr0
    0x66, 0x83, 0xc8, 0x01,       // 17 or eax, 1            ; PE
    0x0f, 0x22, 0xc0,             // 1b mov cr0, eax
    0xea, 0x23, 0x7c, 0x08, 0x00, // 1e jmp 0x08:0x7c23      ; into 32-bit code
    0x66, 0xb8, 0x10, 0x00,       // 23 mov ax, 0x10         ; flat data segment
    0x8e, 0xd8,                   // 27 mov ds, ax
    0x8e, 0xd0,                   // 29 mov ss, ax
    0xbc, 0x00, 0x7c, 0x00, 0x00, // 2b mov esp, 0x7c00
    0xcd, 0x20,                   // 30 int 0x20             ; gate -> iret at 0x3c
    0x66, 0xba, 0xf8, 0x03,       // 32 mov dx, 0x3f8        ; COM1
    0xb0, PROBE_MARKER.charCodeAt(0), // 36 mov al, 'K'
    0xee,                         // 38 out dx, al
    0xf4,                         // 39 hlt
    0xeb, 0xfd,                   // 3a jmp 0x39
    0xcf,                         // 3c iret
  ];
  Buffer.from(code).copy(s, 0);
  // GDT at 0x40: null, flat 4 GiB 32-bit code (selector 0x08), flat data (0x10).
  s.writeBigUInt64LE(0x00cf9a000000ffffn, 0x48);
  s.writeBigUInt64LE(0x00cf92000000ffffn, 0x50);
  // GDTR at 0x58 and IDTR at 0x60: limit, then linear base.
  s.writeUInt16LE(3 * 8 - 1, 0x58);
  s.writeUInt32LE(0x7c40, 0x5a);
  s.writeUInt16LE(0x21 * 8 - 1, 0x60);
  s.writeUInt32LE(0x7c80, 0x62);
  // IDT at 0x80; gate 0x20 (at 0x180): 32-bit interrupt gate, present, ring 0, to 0x08:0x7c3c.
  s.writeUInt16LE(0x7c3c, 0x180);
  s.writeUInt16LE(0x08, 0x182);
  s.writeUInt16LE(0x8e00, 0x184);
  s.writeUInt16LE(0x0000, 0x186);
  s[510] = 0x55;
  s[511] = 0xaa;
  return s;
}

export interface ProbeOptions {
  runner: CommandRunner;
  binary: string;
  log?: Logger;
  /** The KVM device (a test points it elsewhere). */
  kvmDevice?: string;
  /** How long the probe guest gets to print its marker. */
  timeoutMs?: number;
}

/** The argv of the probe guest (pure): the sector as an IDE disk SeaBIOS boots, COM1 into a file. */
export function probeArgv(binary: string, accel: Accel, files: { sector: string; serial: string; qmp: string; pid: string }, marker: string): string[] {
  return [
    binary,
    '-name', `guest=accel-probe,process=${marker}`,
    '-machine', 'pc',
    '-accel', accel,
    '-cpu', accel === 'kvm' ? 'host' : 'max',
    '-m', '16',
    '-nodefaults', '-no-user-config', '-display', 'none', '-vga', 'none',
    '-drive', `file=${files.sector},format=raw,if=ide`,
    '-serial', `file:${files.serial}`,
    '-qmp', `unix:${files.qmp},server=on,wait=off`,
    '-pidfile', files.pid,
    '-daemonize',
  ];
}

async function canOpen(device: string): Promise<boolean> {
  try {
    await (await open(device, 'r+')).close();
    return true;
  } catch {
    return false;
  }
}

/**
 * Boots the probe sector under `accel`: true once its marker is on the serial port while qemu
 * still says `running`; false when qemu fails to start, leaves `running` (a broken KVM reports
 * `internal-error`) or stays silent. Whatever it started is stopped and removed.
 */
export async function probeGuestRuns(opts: ProbeOptions, accel: Accel): Promise<boolean> {
  const dir = await mkdtemp(join(tmpdir(), 'nimbus-accel-'));
  const marker = basename(dir);
  const files = { sector: join(dir, 'sector.img'), serial: join(dir, 'serial.log'), qmp: join(dir, 'qmp.sock'), pid: join(dir, 'qemu.pid') };
  let qmp: QmpClient | undefined;
  try {
    await writeFile(files.sector, probeBootSector());
    await opts.runner.run(probeArgv(opts.binary, accel, files, marker), { timeoutMs: 15_000 });
    qmp = await QmpClient.connect(files.qmp, { timeoutMs: 5000 });
    const deadline = Date.now() + (opts.timeoutMs ?? 3000);
    for (;;) {
      const { status } = await qmp.execute<{ status: string }>('query-status');
      if (status !== 'running') {
        opts.log?.info({ accel, status }, 'accelerator probe guest stopped');
        return false;
      }
      if ((await readFile(files.serial, 'utf8').catch(() => '')).includes(PROBE_MARKER)) return true;
      if (Date.now() >= deadline) return false;
      await sleep(50);
    }
  } catch (err) {
    opts.log?.info({ accel, err: (err as Error).message }, 'accelerator probe guest failed');
    return false;
  } finally {
    await qmp?.execute('quit', undefined, 2000).catch(() => undefined);
    qmp?.close();
    const pid = await readPid(files.pid);
    if (pid !== undefined && !(await waitForExit(pid, marker, 2000))) await killProcess(pid, marker);
    await rm(dir, { recursive: true, force: true });
  }
}

/** KVM when /dev/kvm opens and a guest really runs under it, TCG otherwise. */
export async function probeAccel(opts: ProbeOptions): Promise<Accel> {
  if (!(await canOpen(opts.kvmDevice ?? '/dev/kvm'))) return 'tcg';
  return (await probeGuestRuns(opts, 'kvm')) ? 'kvm' : 'tcg';
}

const probed = new Map<string, Promise<Accel>>();

/** probeAccel once per qemu binary for the life of the agent: the host does not change under it. */
export function cachedProbeAccel(opts: ProbeOptions): Promise<Accel> {
  let p = probed.get(opts.binary);
  if (!p) {
    p = probeAccel(opts);
    probed.set(opts.binary, p);
  }
  return p;
}

/** Nova's integer form of `qemu-system-x86_64 --version` (7.2.22 → 7002022). */
export function parseQemuVersion(text: string): number {
  const m = /version (\d+)\.(\d+)(?:\.(\d+))?/.exec(text);
  if (!m) throw new Error(`cannot read a qemu version from "${text.split('\n')[0]}"`);
  return Number(m[1]) * 1_000_000 + Number(m[2]) * 1000 + Number(m[3] ?? 0);
}

export async function qemuVersion(runner: CommandRunner, binary: string): Promise<number> {
  const { stdout } = await runner.run([binary, '--version'], { timeoutMs: 10_000 });
  return parseQemuVersion(stdout);
}
