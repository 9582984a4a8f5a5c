import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { CommandRunner, RunResult } from '../../../exec/runner.js';
import { CommandError } from '../../../exec/runner.js';
import { parseQemuVersion, probeAccel, probeBootSector, PROBE_MARKER } from './accel.js';
import { sendQmp, serveQmp } from './qmp-test-server.js';

let dir: string;
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const arg = (argv: readonly string[], flag: string) => argv[argv.indexOf(flag) + 1]!;

/**
 * A runner standing in for qemu: records every argv; for a qemu launch it writes the pid file
 * (this test process's pid, which the probe must never kill: it lacks the probe's marker), serves
 * QMP on the socket with the run state `status`, and prints `serial` on the guest's COM1 file.
 */
function fakeQemu(behaviour: { status: string; serial: string; fails?: boolean }) {
  const calls: string[][] = [];
  const runner: CommandRunner = {
    async run(argv): Promise<RunResult> {
      calls.push([...argv]);
      if (behaviour.fails) throw new CommandError('qemu: failed to initialize kvm', argv, 1, 'failed to initialize kvm');
      await writeFile(arg(argv, '-pidfile'), `${process.pid}\n`);
      await writeFile(arg(argv, '-serial').replace(/^file:/, ''), behaviour.serial);
      const socket = arg(argv, '-qmp').replace(/^unix:/, '').split(',')[0]!;
      servers.push(
        await serveQmp(socket, (cmd, s) => {
          if (cmd.execute === 'query-status') return sendQmp(s, { return: { status: behaviour.status, running: behaviour.status === 'running' }, id: cmd.id });
          sendQmp(s, { return: {}, id: cmd.id });
          if (cmd.execute === 'quit') s.destroy();
        }),
      );
      return { code: 0, stdout: '', stderr: '' };
    },
  };
  return { runner, calls };
}

async function kvmDevice(): Promise<string> {
  dir ??= await mkdtemp(join(tmpdir(), 'nimbus-accel-test-'));
  const path = join(dir, 'kvm');
  await writeFile(path, '');
  return path;
}

describe('accelerator probe', () => {
  it('uses TCG without starting anything when /dev/kvm cannot be opened', async () => {
    const q = fakeQemu({ status: 'running', serial: PROBE_MARKER });
    expect(await probeAccel({ runner: q.runner, binary: 'qemu-system-x86_64', kvmDevice: '/nonexistent/kvm' })).toBe('tcg');
    expect(q.calls).toEqual([]);
  });

  it('uses KVM when the probe guest printed its marker and runs', async () => {
    const q = fakeQemu({ status: 'running', serial: PROBE_MARKER });
    expect(await probeAccel({ runner: q.runner, binary: 'qemu-system-x86_64', kvmDevice: await kvmDevice() })).toBe('kvm');
    expect(q.calls).toHaveLength(1);
    const argv = q.calls[0]!;
    expect(argv.slice(0, 1)).toEqual(['qemu-system-x86_64']);
    expect(arg(argv, '-accel')).toBe('kvm');
    expect(arg(argv, '-cpu')).toBe('host');
    expect(arg(argv, '-drive')).toMatch(/^file=.*sector\.img,format=raw,if=ide$/);
    expect(argv).toContain('-daemonize');
  });

  it('uses TCG when KVM guests stop with an emulation failure, stay silent, or qemu cannot start', async () => {
    const device = await kvmDevice();
    const crashed = fakeQemu({ status: 'internal-error', serial: '' });
    expect(await probeAccel({ runner: crashed.runner, binary: 'q', kvmDevice: device })).toBe('tcg');
    const silent = fakeQemu({ status: 'running', serial: '' });
    const started = Date.now();
    expect(await probeAccel({ runner: silent.runner, binary: 'q', kvmDevice: device, timeoutMs: 300 })).toBe('tcg');
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    const broken = fakeQemu({ status: 'running', serial: PROBE_MARKER, fails: true });
    expect(await probeAccel({ runner: broken.runner, binary: 'q', kvmDevice: device })).toBe('tcg');
    expect(broken.calls).toHaveLength(1);
  });

  it('builds a boot sector: protected mode, an interrupt gate to an iret, the marker on COM1, the boot signature', () => {
    const s = probeBootSector();
    expect(s.length).toBe(512);
    expect(s.readUInt16LE(510)).toBe(0xaa55);
    // lgdt/lidt point at descriptors inside the sector, which point at the GDT and IDT.
    expect(s.subarray(0x0a, 0x0f)).toEqual(Buffer.from([0x0f, 0x01, 0x16, 0x58, 0x7c]));
    expect(s.readUInt32LE(0x5a)).toBe(0x7c40);
    expect(s.readUInt32LE(0x62) + 0x20 * 8).toBe(0x7c00 + 0x180);
    // Gate 0x20 leads to an iret; `int 0x20` is issued; COM1 gets the marker.
    expect(s[s.readUInt16LE(0x180) - 0x7c00]).toBe(0xcf);
    expect(s.subarray(0x30, 0x32)).toEqual(Buffer.from([0xcd, 0x20]));
    expect(s.subarray(0x32, 0x39)).toEqual(Buffer.from([0x66, 0xba, 0xf8, 0x03, 0xb0, PROBE_MARKER.charCodeAt(0), 0xee]));
  });

  it('reads the qemu version as Nova does', () => {
    expect(parseQemuVersion('QEMU emulator version 7.2.22 (Debian 1:7.2+dfsg-7+deb12u18+b3)\nCopyright')).toBe(7002022);
    expect(parseQemuVersion('QEMU emulator version 8.2.0')).toBe(8002000);
    expect(() => parseQemuVersion('nonsense')).toThrow(/cannot read a qemu version/);
  });
});
