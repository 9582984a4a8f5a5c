import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tapName } from '@nimbus/shared/network-state';
import { pino } from 'pino';
import { HostCommandRunner } from '../../../exec/runner.js';
import { LinuxbridgeNetworkDriver } from './linuxbridge-driver.js';
import { dhcpRoot } from './paths.js';

/**
 * Integration tests' private network lab: every namespace it makes starts with one random prefix,
 * so `cleanup` can find and delete all of them (and the dnsmasq and servers started inside) even
 * after a failed test. Traffic stays inside these namespaces.
 */
export class NetnsLab {
  readonly prefix = `nbt${randomBytes(3).toString('hex')}`;
  readonly runner = new HostCommandRunner();
  private readonly dirs: string[] = [];
  private readonly children: ChildProcess[] = [];

  async ip(...args: string[]): Promise<string> {
    return (await this.runner.run(['ip', ...args])).stdout;
  }

  /** A node driver with its own node namespace and state folder (or an earlier one's, as after a restart). */
  async node(name: string, underlayIp: string | null = null, earlierStateDir?: string): Promise<{ driver: LinuxbridgeNetworkDriver; netns: string; stateDir: string }> {
    const stateDir = earlierStateDir ?? (await this.tempDir());
    const netns = `${this.prefix}-${name}`;
    const driver = new LinuxbridgeNetworkDriver({ nodeNetns: netns, underlayIp, stateDir }, { runner: this.runner, log: pino({ level: 'silent' }), stateDir });
    await driver.init();
    return { driver, netns, stateDir };
  }

  async tempDir(): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'nimbus-net-'));
    this.dirs.push(dir);
    return dir;
  }

  /**
   * An "instance": a namespace whose `eth0` is the far end of a veth, the near end being the
   * port's tap in the node namespace (what qemu's tap would be), left for the driver to attach.
   */
  async instance(name: string, nodeNetns: string, port: { id: string; mac: string }, ip?: string): Promise<string> {
    const ns = `${this.prefix}-${name}`;
    await this.ip('netns', 'add', ns);
    await this.ip('-n', ns, 'link', 'set', 'lo', 'up');
    await this.ip('-n', nodeNetns, 'link', 'add', tapName(port.id), 'type', 'veth', 'peer', 'name', 'eth0', 'netns', ns);
    await this.ip('-n', ns, 'link', 'set', 'eth0', 'address', port.mac, 'up');
    if (ip) await this.ip('-n', ns, 'addr', 'add', ip, 'dev', 'eth0');
    return ns;
  }

  /** Asks for a lease with busybox udhcpc; returns the address and router it got (not yet configured). */
  async dhcp(ns: string): Promise<{ ip: string; router: string | null }> {
    const dir = await this.tempDir();
    const script = join(dir, 'udhcpc.sh');
    await writeFile(script, `#!/bin/sh\n[ "$1" = bound ] && echo "$ip $router" > ${join(dir, 'lease')}\nexit 0\n`);
    await chmod(script, 0o755);
    await this.runner.run(['ip', 'netns', 'exec', ns, 'busybox', 'udhcpc', '-i', 'eth0', '-n', '-q', '-f', '-t', '10', '-T', '1', '-s', script], { timeoutMs: 30_000 });
    const [ip, router] = (await readFile(join(dir, 'lease'), 'utf8')).trim().split(' ');
    return { ip: ip!, router: router || null };
  }

  /** One ping with a one-second wait: true when the echo came back. */
  async ping(ns: string, ip: string): Promise<boolean> {
    const r = await this.runner.run(['ip', 'netns', 'exec', ns, 'busybox', 'ping', '-c', '1', '-W', '1', ip], { okCodes: [0, 1] });
    return r.code === 0;
  }

  /**
   * Pings until one answers or `ms` pass. New bridge ports forward only once the kernel's link
   * watch has seen their carrier (up to a second), so first contact on a fresh datapath waits.
   */
  async pingWithin(ns: string, ip: string, ms = 3000): Promise<boolean> {
    const until = Date.now() + ms;
    do {
      if (await this.ping(ns, ip)) return true;
    } while (Date.now() < until);
    return false;
  }

  /** Pings every 100 ms for `seconds`; resolves to the times (ms since epoch) replies arrived. */
  pingTimes(ns: string, ip: string, seconds: number): Promise<number[]> {
    const child = spawn('ip', ['netns', 'exec', ns, 'busybox', 'ping', '-i', '0.1', '-w', String(seconds), ip], { stdio: ['ignore', 'pipe', 'ignore'] });
    this.children.push(child);
    const times: number[] = [];
    child.stdout.on('data', (d: Buffer) => {
      for (const line of d.toString().split('\n')) if (line.includes('seq=')) times.push(Date.now());
    });
    return new Promise((resolve) => child.once('close', () => resolve(times)));
  }

  /** An HTTP server answering `body` on port 8080 inside `ns`. */
  async httpServer(ns: string, body: string): Promise<void> {
    const dir = await this.tempDir();
    await writeFile(join(dir, 'index.html'), body);
    const child = spawn('ip', ['netns', 'exec', ns, 'busybox', 'httpd', '-f', '-p', '8080', '-h', dir], { stdio: 'ignore' });
    this.children.push(child);
    for (let i = 0; i < 50; i++) {
      if ((await this.fetch(ns, '127.0.0.1')) === body) return;
      await new Promise((res) => setTimeout(res, 20));
    }
    throw new Error(`httpd in ${ns} did not start`);
  }

  /** The body served at http://<ip>:8080/, or null when nothing answers within two seconds. */
  async fetch(ns: string, ip: string): Promise<string | null> {
    // Debian's busybox wget crashes when its own -T timer fires, so the runner's timeout bounds it.
    const r = await this.runner.run(['ip', 'netns', 'exec', ns, 'busybox', 'wget', '-q', '-O', '-', `http://${ip}:8080/`], { okCodes: [0, 1], timeoutMs: 2000 }).catch(() => null);
    return r?.code === 0 ? r.stdout : null;
  }

  /** Stops every process the lab or the drivers started, then deletes the namespaces and folders. */
  async cleanup(stateDirs: string[]): Promise<void> {
    for (const c of this.children) c.kill('SIGKILL');
    for (const dir of stateDirs) {
      for (const net of await readdir(dhcpRoot(dir)).catch(() => [] as string[])) {
        const pid = Number((await readFile(join(dhcpRoot(dir), net, 'pid'), 'utf8').catch(() => '')).trim());
        if (pid > 0) {
          try {
            process.kill(pid, 'SIGKILL');
          } catch {
            // already gone
          }
        }
      }
    }
    const list = await this.ip('-j', 'netns', 'list');
    const names = (JSON.parse(list.trim() || '[]') as Array<{ name: string }>).map((n) => n.name).filter((n) => n.startsWith(this.prefix));
    for (const ns of names) {
      const pids = (await this.ip('netns', 'pids', ns).catch(() => '')).split('\n').filter(Boolean);
      for (const pid of pids) {
        try {
          process.kill(Number(pid), 'SIGKILL');
        } catch {
          // already gone
        }
      }
      await this.ip('netns', 'delete', ns).catch(() => undefined);
    }
    for (const dir of this.dirs) await rm(dir, { recursive: true, force: true });
  }
}
