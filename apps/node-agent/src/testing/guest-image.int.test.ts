import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSshKey } from '@nimbus/core/compute/keypairs-ssh';
import { HostCommandRunner, type RunResult } from '../exec/runner.js';
import { buildConfigDrive } from '../drivers/compute/configdrive.js';
import { guestImagePath } from './guest-image.js';
import { QmpClient } from './qmp-client.js';
import { SerialConsole, serialArgs } from './serial-console.js';

/**
 * The tiny-linux guest against its contract (README "Guest image"), booted by a bare qemu under
 * TCG from a qcow2 overlay (the built image is never written) with a config drive. The NIC is
 * qemu's user-mode network with `restrict=on`: its DHCP server lives inside the qemu process and
 * nothing the guest sends leaves it.
 */
const runner = new HostCommandRunner();
const uuid = randomUUID();
const hostname = 'vm-under-test';
const ed = generateSshKey('ed25519', 'alice@example');
const rsa = generateSshKey('rsa', 'bob@example');

let dir: string;
let qemu: Promise<RunResult>;
let qemuRunning = false;
let serial: SerialConsole;
let qmp: QmpClient | undefined;

beforeAll(async () => {
  const image = await guestImagePath();
  dir = await mkdtemp(join(tmpdir(), 'nimbus-guest-'));
  await runner.run(['qemu-img', 'create', '-q', '-f', 'qcow2', '-F', 'qcow2', '-b', image, join(dir, 'root.qcow2')]);
  await buildConfigDrive(
    runner,
    {
      metaData: {
        uuid,
        name: 'guest "one"',
        hostname,
        public_keys: { ed: ed.publicKey, 'rsa key': rsa.publicKey },
        launch_index: 0,
        availability_zone: 'nova',
      },
      userData: '#!/bin/sh\necho "user-data: ran on $(hostname)"\n',
    },
    join(dir, 'config.iso'),
  );
  serial = new SerialConsole(join(dir, 'serial.sock'), join(dir, 'serial.log'));
  // Resolves when qemu exits: the power-off test waits on it; the timeout is only a backstop.
  qemu = runner.run(
    [
      'qemu-system-x86_64', '-accel', 'tcg', '-machine', 'pc', '-m', '128', '-nodefaults', '-no-user-config', '-display', 'none',
      '-drive', `file=${join(dir, 'root.qcow2')},format=qcow2,if=virtio`,
      '-drive', `file=${join(dir, 'config.iso')},format=raw,if=virtio,readonly=on`,
      '-nic', 'user,model=virtio-net-pci,restrict=on',
      '-qmp', `unix:${join(dir, 'qmp.sock')},server=on,wait=off`,
      '-pidfile', join(dir, 'qemu.pid'),
      ...serialArgs(join(dir, 'serial.sock'), join(dir, 'serial.log')),
    ],
    { timeoutMs: 180_000 },
  );
  qemuRunning = true;
  qemu.catch(() => undefined).finally(() => (qemuRunning = false));
  qmp = await QmpClient.connect(join(dir, 'qmp.sock'));
}, 600_000);

afterAll(async () => {
  qmp?.close();
  serial?.close();
  // Only while the runner still waits on it: a stale pid file could name a reused pid.
  const pid = Number(await readFile(join(dir, 'qemu.pid'), 'utf8').catch(() => ''));
  if (qemuRunning && pid) {
    process.kill(pid, 'SIGKILL');
    await qemu.catch(() => undefined);
  }
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('tiny-linux guest', () => {
  it('prints the boot marker, its identity and keys from the config drive, and its disks', async () => {
    await serial.waitFor(/^NIMBUS_BOOT_OK$/m, 60_000);
    const lines = (await serial.waitFor(/^disk: vdb \d+$/m, 20_000)).input!.split('\n');
    expect(lines).toContain(`hostname: ${hostname}`);
    expect(lines).toContain(`instance-id: ${uuid}`);
    expect(lines).toContain(`ssh-key: ed ${ed.fingerprint}`);
    expect(lines).toContain(`ssh-key: rsa key ${rsa.fingerprint}`);
    expect(ed.fingerprint).toMatch(/^([0-9a-f]{2}:){15}[0-9a-f]{2}$/);
    // Root disk: the image's virtual size; the config drive: whatever genisoimage wrote.
    const info = JSON.parse((await runner.run(['qemu-img', 'info', '-U', '--output=json', join(dir, 'root.qcow2')])).stdout) as { 'virtual-size': number };
    expect(lines).toContain(`disk: vda ${info['virtual-size']}`);
    expect(lines).toContain(`disk: vdb ${(await stat(join(dir, 'config.iso'))).size}`);
  });

  it('gets an address by DHCP and runs executable user data', async () => {
    await serial.waitFor(/^ip: eth0 10\.0\.2\.15\/24$/m, 30_000);
    await serial.waitFor(new RegExp(`^user-data: ran on ${hostname}$`, 'm'), 10_000);
  });

  it('answers on a root shell', async () => {
    await serial.waitFor(/^\/ # /m, 20_000);
    const from = (await serial.text()).length;
    await serial.type('echo hello\r');
    await serial.waitFor(/^hello$/m, 10_000, from);
  });

  it('reports a hot-plugged disk', async () => {
    await runner.run(['qemu-img', 'create', '-q', '-f', 'qcow2', join(dir, 'extra.qcow2'), '64M']);
    await qmp!.execute('blockdev-add', { driver: 'qcow2', 'node-name': 'extra', file: { driver: 'file', filename: join(dir, 'extra.qcow2') } });
    await qmp!.execute('device_add', { driver: 'virtio-blk-pci', drive: 'extra', id: 'extra0' });
    await serial.waitFor(/^disk added: vdc 67108864$/m, 20_000);
  });

  it('powers off on the ACPI power button', async () => {
    expect(await qmp!.execute('query-status')).toMatchObject({ status: 'running' });
    await qmp!.execute('system_powerdown');
    const result = await Promise.race([qemu, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 20_000))]);
    expect(result).toMatchObject({ code: 0 });
  });
});
