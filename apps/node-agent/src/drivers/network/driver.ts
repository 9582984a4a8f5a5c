import type { Logger } from '@nimbus/core/logger';
import type { NetworkState, PortState } from '@nimbus/shared/network-state';
import type { CommandRunner } from '../../exec/runner.js';

/**
 * The network driver family (DESIGN.md §6, Neutron's L2/L3/DHCP agents in one): it makes a node's
 * datapath match the desired state the web serves at `/internal/network-state/<node>`. One
 * implementation per datapath (`linuxbridge`, in-memory `fake`), chosen by NETWORK_DRIVER.
 *
 * Contracts every implementation keeps:
 * - `sync` is idempotent and convergent: whatever the node holds (a fresh boot, a half-applied
 *   earlier sync, a restarted agent, objects deleted or added by hand) it creates what is missing,
 *   repairs what differs and removes what the state does not name. Running it twice in a row
 *   changes nothing the second time.
 * - Every datapath object lives inside the node's namespace (NODE_NETNS) or namespaces the driver
 *   made for DHCP and routers; the host's own interfaces, routes, firewall and sysctls are never
 *   touched.
 * - Calls are serialised by the agent; a driver does not need to guard against concurrent syncs.
 */
export interface NetworkCapabilities {
  /** Tenant networks span nodes over VXLAN. */
  supportsVxlan: boolean;
  supportsDhcp: boolean;
  /** Router namespaces with SNAT and floating IPs. */
  supportsRouters: boolean;
  /** Stateful per-port security groups. */
  supportsSecurityGroups: boolean;
  [name: string]: boolean;
}

/** What one sync did: empty `changes` means the datapath already matched. */
export interface SyncReport {
  generation: number;
  /** One line per change, in the order applied (e.g. `create bridge brq5f1c2a7e-3b`). */
  changes: string[];
  durationMs: number;
}

export interface NetworkDriver {
  readonly name: string;
  /** True for the in-memory driver, which moves no packet. */
  readonly fake: boolean;
  readonly capabilities: NetworkCapabilities;

  /** Prepares the node namespace (created when missing) and the driver's base objects; once at start. */
  init(): Promise<void>;

  /** Makes the datapath match `state` (see the contracts above). */
  sync(state: NetworkState): Promise<SyncReport>;

  /**
   * Creates the port's tap (`tap` + 11 characters of its id) inside the node namespace and attaches
   * it to its network's bridge, for the compute driver's guest to open. Idempotent.
   */
  plugVif(port: PortState): Promise<void>;

  /** Removes the port's tap; a tap already gone is fine. */
  unplugVif(portId: string): Promise<void>;

  /** Releases what the driver holds in this process; the datapath itself stays up. */
  close(): Promise<void>;
}

export interface NetworkDriverDeps {
  runner: CommandRunner;
  log: Logger;
  /** Where the driver keeps its files (nft rulesets, dnsmasq hosts, leases, pid files): one folder per node. */
  stateDir: string;
}
