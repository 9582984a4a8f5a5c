import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CommandError, type CommandRunner, type RunResult } from '../../../exec/runner.js';
import { fixtureState } from './__fixtures__/state.js';
import { LinuxbridgeNetworkDriver, NetworkSyncError } from './linuxbridge-driver.js';

/** Answers the driver's reads like an empty node namespace would, records every command, fails on demand. */
class RecordingNode implements CommandRunner {
  readonly calls: string[][] = [];
  namespaces = ['nimbus-node-1'];
  failWhen?: (argv: readonly string[]) => boolean;

  async run(argv: readonly string[]): Promise<RunResult> {
    this.calls.push([...argv]);
    const ok = (stdout = ''): RunResult => ({ code: 0, stdout, stderr: '' });
    if (this.failWhen?.(argv)) throw new CommandError(`${argv.join(' ')} exited with 2`, argv, 2, 'RTNETLINK answers: File exists');
    const line = argv.join(' ');
    if (line === 'ip -j netns list') return ok(JSON.stringify(this.namespaces.map((name) => ({ name }))));
    if (line.includes(' -j -d link show')) return ok(JSON.stringify([{ ifname: 'lo', flags: ['UP'], mtu: 65536 }]));
    if (line.endsWith('nft -j list ruleset')) return ok('{"nftables":[]}');
    if (line.includes(' -j ')) return ok('[]');
    return ok();
  }
}

let stateDir: string;
let runner: RecordingNode;
let driver: LinuxbridgeNetworkDriver;

beforeEach(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'nimbus-lb-'));
  runner = new RecordingNode();
  driver = new LinuxbridgeNetworkDriver({ nodeNetns: 'nimbus-node-1', underlayIp: '192.0.2.1', stateDir }, { runner, log: pino({ level: 'silent' }), stateDir });
});

afterEach(async () => {
  await rm(stateDir, { recursive: true, force: true });
});

describe('linuxbridge driver', () => {
  it('creates the node namespace at init when it is missing, and leaves an existing one alone', async () => {
    await driver.init();
    expect(runner.calls).toEqual([['ip', '-j', 'netns', 'list']]);
    runner.namespaces = [];
    await driver.init();
    expect(runner.calls.slice(2)).toEqual([
      ['ip', 'netns', 'add', 'nimbus-node-1'],
      ['ip', '-n', 'nimbus-node-1', 'link', 'set', 'dev', 'lo', 'up'],
    ]);
  });

  it('applies a whole state, writing the ruleset and dnsmasq files it runs', async () => {
    const report = await driver.sync(fixtureState());
    expect(report.generation).toBe(7);
    expect(report.changes[0]).toBe('apply base rules');
    expect(report.changes.at(-1)).toMatch(/^start dnsmasq of network /);
    const hosts = await readFile(join(stateDir, 'network/dhcp/5f1c2a7e-3b4d-4e6f-8a9b-0c1d2e3f4a5b/hosts'), 'utf8');
    expect(hosts).toBe('fa:16:3e:00:00:05,10.0.0.5,web-1\nfa:16:3e:00:00:01,10.0.0.1,host-10-0-0-1\n');
    expect(await readFile(join(stateDir, 'network/nft/port-tap9a8b7c6d-5e.nft'), 'utf8')).toContain('chain in-tap9a8b7c6d-5e');
  });

  it('carries on past a failed change and reports it, so one broken object does not block the rest', async () => {
    runner.failWhen = (argv) => argv.includes('brqe0e1e2e3-e4') && argv.includes('add');
    const err = await driver.sync(fixtureState()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkSyncError);
    const e = err as NetworkSyncError;
    expect(e.failures).toEqual([expect.stringMatching(/^create bridge brqe0e1e2e3-e4: ip -n nimbus-node-1 link add brqe0e1e2e3-e4 .* exited with 2$/)]);
    expect(e.report.changes).toContain('create bridge brq5f1c2a7e-3b');
    expect(e.report.changes.at(-1)).toMatch(/^start dnsmasq/);
  });

  it('plugs a guest tap inside the node namespace onto its bridge, and unplugs only what is there', async () => {
    const port = fixtureState().ports[0]!;
    await driver.plugVif(port);
    expect(runner.calls.slice(1)).toEqual([
      ['ip', '-n', 'nimbus-node-1', 'link', 'add', 'brq5f1c2a7e-3b', 'mtu', '1500', 'type', 'bridge'],
      ['ip', '-n', 'nimbus-node-1', 'link', 'set', 'dev', 'brq5f1c2a7e-3b', 'up'],
      ['ip', '-n', 'nimbus-node-1', 'tuntap', 'add', 'dev', 'tap9a8b7c6d-5e', 'mode', 'tap'],
      ['ip', '-n', 'nimbus-node-1', 'link', 'set', 'dev', 'tap9a8b7c6d-5e', 'master', 'brq5f1c2a7e-3b', 'up'],
    ]);
    runner.calls.length = 0;
    await driver.unplugVif(port.id);
    expect(runner.calls).toEqual([['ip', '-n', 'nimbus-node-1', '-j', '-d', 'link', 'show']]);
  });
});
