import { readFile, writeFile } from 'node:fs/promises';
import { CommandError, type CommandRunner, type RunOptions, type RunResult } from '../../../exec/runner.js';

interface FakeDomain {
  state: string;
  managedSave: boolean;
  vcpus: number;
  memoryMb: number;
}

/**
 * A command runner for the libvirt driver's unit tests: it records every argv and answers like a
 * libvirt host would — a small model of domains for `virsh`, files created for `qemu-img` and
 * `genisoimage` — so tests check the sequence of commands each operation runs, with no guest.
 */
export class RecordingHost implements CommandRunner {
  readonly calls: string[][] = [];
  readonly domains = new Map<string, FakeDomain>();
  /** When set, guests ignore the ACPI power button. */
  ignoreAcpi = false;
  /** A virsh subcommand that fails once (e.g. `start`), as libvirt would report it. */
  failNext?: { command: string; stderr: string };
  diskBytes = 1024 ** 3;

  async run(argv: readonly string[], _opts?: RunOptions): Promise<RunResult> {
    this.calls.push([...argv]);
    const ok = (stdout = ''): RunResult => ({ code: 0, stdout, stderr: '' });
    const [cmd, ...args] = argv;
    if (cmd === 'genisoimage') {
      await writeFile(args[args.indexOf('-o') + 1]!, 'iso');
      return ok();
    }
    if (cmd === 'qemu-img') return this.qemuImg(args, ok);
    if (cmd !== 'virsh') throw new Error(`unexpected command ${argv.join(' ')}`);
    const [, , sub, name = ''] = args;
    const fail = this.failNext;
    if (fail && fail.command === sub) {
      this.failNext = undefined;
      throw new CommandError(`virsh ${sub} failed`, argv, 1, fail.stderr);
    }
    const dom = this.domains.get(name);
    const noDomain = () => new CommandError(`virsh ${sub}`, argv, 1, `error: failed to get domain '${name}'\n`);
    const notRunning = () => new CommandError(`virsh ${sub}`, argv, 1, 'error: Requested operation is not valid: domain is not running\n');
    switch (sub) {
      case 'version':
        return ok('Compiled against library: libvirt 9.0.0\nRunning hypervisor: QEMU 7.2.22\n');
      case 'list':
        return ok(`${[...this.domains.keys()].join('\n')}\n\n`);
      case 'define': {
        const xml = await readFile(name, 'utf8');
        const domName = /<name>(.*)<\/name>/.exec(xml)![1]!;
        const prev = this.domains.get(domName);
        this.domains.set(domName, {
          state: prev?.state ?? 'shut off',
          managedSave: prev?.managedSave ?? false,
          vcpus: Number(/<vcpu>(\d+)</.exec(xml)![1]),
          memoryMb: Number(/<memory unit='MiB'>(\d+)</.exec(xml)![1]),
        });
        return ok();
      }
    }
    if (!dom) throw noDomain();
    switch (sub) {
      case 'dominfo':
        return ok(`Name: ${name}\nState: ${dom.state}\nCPU(s): ${dom.vcpus}\nMax memory: ${dom.memoryMb * 1024} KiB\nManaged save: ${dom.managedSave ? 'yes' : 'no'}\n`);
      case 'start':
        if (dom.state !== 'shut off') throw new CommandError('virsh start', argv, 1, 'error: Requested operation is not valid: domain is already active\n');
        Object.assign(dom, { state: 'running', managedSave: false });
        return ok();
      case 'shutdown':
        if (dom.state === 'shut off') throw notRunning();
        if (!this.ignoreAcpi) dom.state = 'shut off';
        return ok();
      case 'destroy':
        if (dom.state === 'shut off') throw notRunning();
        dom.state = 'shut off';
        return ok();
      case 'undefine':
        this.domains.delete(name);
        return ok();
      case 'reset':
      case 'suspend':
      case 'resume':
        if (dom.state === 'shut off') throw notRunning();
        if (sub !== 'reset') dom.state = sub === 'suspend' ? 'paused' : 'running';
        return ok();
      case 'managedsave':
        Object.assign(dom, { state: 'shut off', managedSave: true });
        return ok();
      case 'managedsave-remove':
        dom.managedSave = false;
        return ok();
    }
    throw new Error(`unexpected virsh ${sub}`);
  }

  private async qemuImg(args: string[], ok: () => RunResult): Promise<RunResult> {
    switch (args[0]) {
      case 'info':
        return { code: 0, stdout: JSON.stringify({ format: 'qcow2', 'virtual-size': this.diskBytes }), stderr: '' };
      case 'create':
        await writeFile(args[args.indexOf('-b') + 2]!, 'overlay');
        return ok();
      case 'convert':
        await writeFile(args.at(-1)!, 'flat');
        return ok();
      case 'resize':
        this.diskBytes = Number(args.at(-1));
        return ok();
    }
    throw new Error(`unexpected qemu-img ${args[0]}`);
  }
}
