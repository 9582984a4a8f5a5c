import { describe, expect, it } from 'vitest';
import { loadStateUri, qemuArgv, saveStateUri, shellQuote } from './argv.js';
import { instancePaths } from './paths.js';
import type { LaunchSpec } from './spec-file.js';

const id = '3f0c8e2a9b7d4c1e8f6a5b4c3d2e1f00';
const spec: LaunchSpec = {
  id,
  name: 'web-1',
  vcpus: 1,
  memoryMb: 128,
  rootGb: 1,
  imageId: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
  imageFormat: 'qcow2',
  serialHost: '127.0.0.1',
  serialPort: 10000,
};
const paths = instancePaths('/var/lib/nimbus/nodes/node-1', id);
const golden = (name: string, argv: string[]) => expect(`${JSON.stringify(argv, null, 2)}\n`).toMatchFileSnapshot(`./__golden__/${name}.argv.json`);

describe('qemu argv', () => {
  it('launches a TCG guest: root disk first virtio, config drive second read-only, serial on TCP with a log, QMP, daemonized', async () => {
    await golden('spawn-tcg', qemuArgv(spec, paths, 'tcg', { binary: 'qemu-system-x86_64', cache: 'none' }));
  });

  it('launches under KVM with the host CPU and a writeback cache', async () => {
    await golden('spawn-kvm', qemuArgv({ ...spec, vcpus: 2, memoryMb: 2048 }, paths, 'kvm', { binary: '/usr/bin/qemu-system-x86_64', cache: 'writeback' }));
  });

  it('resumes paused, loading the saved memory', async () => {
    await golden('resume', qemuArgv(spec, paths, 'tcg', { binary: 'qemu-system-x86_64', cache: 'none', incoming: loadStateUri(paths) }));
  });

  it('doubles commas inside option values', () => {
    const odd = instancePaths('/srv/a,b', id);
    const argv = qemuArgv(spec, odd, 'tcg', { binary: 'q', cache: 'none' });
    expect(argv).toContain(`file=/srv/a,,b/instances/${id}/disk.qcow2,if=virtio,format=qcow2,cache=none`);
    expect(argv[argv.indexOf('-qmp') + 1]).toBe(`unix:/srv/a,,b/instances/${id}/qmp.sock,server=on,wait=off`);
  });
});

describe('suspend files', () => {
  it('writes memory to a part file renamed when complete, and reads it back, quoting paths for /bin/sh', () => {
    expect(saveStateUri(paths)).toBe(
      `exec:cat > '${paths.savedState}.part' && mv '${paths.savedState}.part' '${paths.savedState}'`,
    );
    expect(loadStateUri(paths)).toBe(`exec:cat '${paths.savedState}'`);
    expect(shellQuote(`it's $(x)`)).toBe(`'it'\\''s $(x)'`);
  });
});
