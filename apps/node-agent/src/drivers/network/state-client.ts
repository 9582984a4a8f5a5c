import { NetworkStateSchema, type NetworkState } from '@nimbus/shared/network-state';
import { serviceFetch, type ServiceToken } from '../../images/service-token.js';

export class NetworkStateError extends Error {}

/**
 * Reads a node's desired datapath from the web (`GET /internal/network-state/<node>`) as the
 * node's service user: a `network-sync` job carries only a generation (DESIGN.md §7), the state
 * itself comes from here, checked against the contract before any of it reaches the kernel.
 */
export class NetworkStateClient {
  constructor(private readonly opts: { apiUrl: string; token: ServiceToken; fetch?: typeof fetch }) {}

  async fetch(node: string): Promise<NetworkState> {
    const url = `${this.opts.apiUrl}/internal/network-state/${encodeURIComponent(node)}`;
    let res: Response;
    try {
      res = await serviceFetch(this.opts.token, url, {}, this.opts.fetch);
    } catch (err) {
      throw new NetworkStateError(`the network state is unreachable at ${url}: ${(err as Error).cause ?? (err as Error).message}`);
    }
    if (res.status !== 200) {
      const detail = await res.text().catch(() => '');
      throw new NetworkStateError(`GET ${url}: HTTP ${res.status} ${detail.slice(0, 300)}`.trim());
    }
    const parsed = NetworkStateSchema.safeParse(await res.json());
    if (!parsed.success) {
      const first = parsed.error.issues[0]!;
      throw new NetworkStateError(`GET ${url}: not a network state: ${first.path.join('.')}: ${first.message}`);
    }
    if (parsed.data.node !== node) throw new NetworkStateError(`GET ${url}: the state is for node ${parsed.data.node}, not ${node}`);
    return parsed.data;
  }
}
