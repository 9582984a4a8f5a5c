import type { HostFilter } from './filter.js';
import { reasons } from './filter.js';

/** ComputeFilter: the node is a compute node, up (heartbeating) and enabled by the operator. */
export const computeFilter: HostFilter = {
  name: 'ComputeFilter',
  reject(host) {
    if (!host.roles.includes('compute')) return { host: host.name, reason: 'not a compute node' };
    if (host.state !== 'up') return { host: host.name, reason: 'down' };
    if (!host.enabled) return { host: host.name, reason: 'disabled' };
    return null;
  },
  explain: (rs) => reasons(rs),
};
