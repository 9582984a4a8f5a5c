import { tapName, type NetworkState, type PortState } from '@nimbus/shared/network-state';
import type { NetworkCapabilities, NetworkDriver, SyncReport } from '../driver.js';

/**
 * The in-memory network driver for unit tests and hosts without namespaces: it keeps the last state
 * it was given and the taps plugged, and reports changes as the real driver words them per object
 * (networks, ports, routers). It moves no packet.
 */
export class FakeNetworkDriver implements NetworkDriver {
  readonly name = 'fake';
  readonly fake = true;
  readonly capabilities: NetworkCapabilities = { supportsVxlan: false, supportsDhcp: false, supportsRouters: false, supportsSecurityGroups: false };
  /** The last state synced, or null before the first sync. */
  state: NetworkState | null = null;
  readonly taps = new Map<string, PortState>();
  /** When set, the next sync fails with this message (and changes nothing). */
  failNextSync?: string;
  private initialised = false;

  async init(): Promise<void> {
    this.initialised = true;
  }

  async sync(state: NetworkState): Promise<SyncReport> {
    if (!this.initialised) throw new Error('fake network driver: sync before init');
    if (this.failNextSync) {
      const message = this.failNextSync;
      this.failNextSync = undefined;
      throw new Error(message);
    }
    const changes: string[] = [];
    const diff = (kind: string, before: Array<{ id: string }>, after: Array<{ id: string }>) => {
      const [was, now] = [new Set(before.map((x) => x.id)), new Set(after.map((x) => x.id))];
      for (const id of was) if (!now.has(id)) changes.push(`remove ${kind} ${id}`);
      for (const id of now) if (!was.has(id)) changes.push(`create ${kind} ${id}`);
    };
    diff('network', this.state?.networks ?? [], state.networks);
    diff('port', this.state?.ports ?? [], state.ports);
    diff('router', this.state?.routers ?? [], state.routers);
    this.state = state;
    return { generation: state.generation, changes, durationMs: 0 };
  }

  async plugVif(port: PortState): Promise<void> {
    this.taps.set(port.tapName, port);
  }

  async unplugVif(portId: string): Promise<void> {
    this.taps.delete(tapName(portId));
  }

  async close(): Promise<void> {}
}
