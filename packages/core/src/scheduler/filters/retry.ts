import type { HostFilter } from './filter.js';

/** RetryFilter: a host that already failed to build this instance is not tried again. */
export const retryFilter: HostFilter = {
  name: 'RetryFilter',
  reject(host, spec) {
    return spec.ignoreHosts?.includes(host.name) ? { host: host.name, reason: 'already failed this instance' } : null;
  },
  explain: () => 'already failed this instance',
};
