import type { Logger } from '@nimbus/core/logger';
import { tapName, type NetworkState, type PortState } from '@nimbus/shared/network-state';
import type { CommandRunner } from '../../../exec/runner.js';
import type { NetworkCapabilities, NetworkDriver, NetworkDriverDeps, SyncReport } from '../driver.js';
import { bridgeName } from '../names.js';
import { describe, stepsOf } from './actions.js';
import { runStep } from './apply.js';
import * as cmd from './commands.js';
import { desiredFrom, type LinuxbridgeConfig } from './desired.js';
import { observe } from './observe.js';
import { parseLinks, parseNamespaces } from './observed.js';
import { plan } from './plan.js';

/** Some parts of a sync failed; the rest was applied and the next sync retries the failed ones. */
export class NetworkSyncError extends Error {
  override readonly name = 'NetworkSyncError';
  constructor(
    readonly report: SyncReport,
    readonly failures: string[],
  ) {
    super(`network sync of generation ${report.generation}: ${failures.length} change(s) failed: ${failures.join('; ')}`);
  }
}

/**
 * Neutron's linuxbridge datapath on one node: a bridge per network with a kernel VXLAN device to
 * the peers, guests' taps on their bridge, a namespace per DHCP server and per router wired in by
 * veths, security groups and NAT in nftables. Every sync observes the node, plans the difference
 * and applies it, so it also repairs whatever changed behind the agent's back.
 */
export class LinuxbridgeNetworkDriver implements NetworkDriver {
  readonly name = 'linuxbridge';
  readonly fake = false;
  readonly capabilities: NetworkCapabilities = { supportsVxlan: true, supportsDhcp: true, supportsRouters: true, supportsSecurityGroups: true };
  private readonly runner: CommandRunner;
  private readonly log: Logger;

  constructor(
    private readonly cfg: LinuxbridgeConfig,
    deps: NetworkDriverDeps,
  ) {
    this.runner = deps.runner;
    this.log = deps.log.child({ driver: 'linuxbridge', netns: cfg.nodeNetns });
  }

  async init(): Promise<void> {
    const namespaces = parseNamespaces((await this.runner.run(cmd.listNamespaces())).stdout);
    if (namespaces.has(this.cfg.nodeNetns)) return;
    await this.runner.run(cmd.addNamespace(this.cfg.nodeNetns));
    await this.runner.run(cmd.setLink(this.cfg.nodeNetns, 'lo', {}));
  }

  async sync(state: NetworkState): Promise<SyncReport> {
    const started = performance.now();
    const actions = plan(desiredFrom(state, this.cfg), await observe(this.runner, this.cfg), this.cfg);
    const changes: string[] = [];
    const failures: string[] = [];
    for (const action of actions) {
      const what = describe(action);
      try {
        for (const step of stepsOf(action)) await runStep(step, this.runner);
        changes.push(what);
      } catch (err) {
        failures.push(`${what}: ${(err as Error).message}`);
      }
    }
    const report = { generation: state.generation, changes, durationMs: Math.round(performance.now() - started) };
    this.log.info({ generation: state.generation, changes: changes.length, failures: failures.length, ms: report.durationMs }, 'network sync');
    if (failures.length) throw new NetworkSyncError(report, failures);
    return report;
  }

  async plugVif(port: PortState): Promise<void> {
    const node = this.cfg.nodeNetns;
    const links = parseLinks((await this.runner.run(cmd.listLinks(node))).stdout);
    const bridge = bridgeName(port.networkId);
    if (!links.has(bridge)) {
      await this.runner.run(cmd.addBridge(node, bridge, 1500));
      await this.runner.run(cmd.setLink(node, bridge, {}));
    }
    if (!links.has(port.tapName)) await this.runner.run(cmd.addTap(node, port.tapName));
    await this.runner.run(cmd.setLink(node, port.tapName, { master: bridge }));
  }

  async unplugVif(portId: string): Promise<void> {
    const node = this.cfg.nodeNetns;
    const links = parseLinks((await this.runner.run(cmd.listLinks(node))).stdout);
    if (links.has(tapName(portId))) await this.runner.run(cmd.deleteLink(node, tapName(portId)));
  }

  async close(): Promise<void> {}
}
