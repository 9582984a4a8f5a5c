import { describe, expect, it } from 'vitest';
import { CommandError } from '../../../exec/runner.js';
import { isNoDomain, isNotRunning, parseHypervisorVersion, virshArgv } from './virsh.js';

const uri = 'qemu:///system';
const name = 'nimbus-3f0c8e2a9b7d4c1e8f6a5b4c3d2e1f00';
const failed = (stderr: string) => new CommandError('virsh failed', ['virsh'], 1, stderr);

describe('virsh argv', () => {
  it('names the connection on every call and the flags each step relies on', async () => {
    const all = Object.entries(virshArgv).map(([step, build]) => [step, (build as (uri: string, arg: string) => string[])(uri, step === 'define' ? '/i/domain.xml' : name)] as const);
    await expect(all.map(([step, argv]) => `${step} ${JSON.stringify(argv)}\n`).join('')).toMatchFileSnapshot('./__golden__/virsh.argv.txt');
    for (const [, argv] of all) expect(argv.slice(0, 3)).toEqual(['virsh', '-c', uri]);
  });
});

describe('virsh errors', () => {
  it('tells a missing domain and a stopped one from other failures', () => {
    expect(isNoDomain(failed(`error: failed to get domain '${name}'\n`))).toBe(true);
    expect(isNotRunning(failed(`error: Failed to destroy domain '${name}'\nerror: Requested operation is not valid: domain is not running\n`))).toBe(true);
    const down = failed('error: failed to connect to the hypervisor\nerror: Failed to connect socket to \'/var/run/libvirt/libvirt-sock\': No such file or directory\n');
    expect(isNoDomain(down)).toBe(false);
    expect(isNotRunning(down)).toBe(false);
    expect(isNoDomain(new Error("failed to get domain 'x'"))).toBe(false);
  });
});

describe('hypervisor version', () => {
  it("reads Nova's integer form from virsh version", () => {
    const text = 'Compiled against library: libvirt 9.0.0\nUsing library: libvirt 9.0.0\nUsing API: QEMU 9.0.0\nRunning hypervisor: QEMU 7.2.22\n\n';
    expect(parseHypervisorVersion(text)).toBe(7_002_022);
    expect(parseHypervisorVersion('Running hypervisor: QEMU 8.1\n')).toBe(8_001_000);
    expect(() => parseHypervisorVersion('Using library: libvirt 9.0.0\n')).toThrow(/hypervisor version/);
  });
});
