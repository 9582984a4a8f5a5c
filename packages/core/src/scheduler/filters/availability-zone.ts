import type { HostFilter } from './filter.js';

/** AvailabilityZoneFilter: when the request names a zone, only its hosts pass. */
export const availabilityZoneFilter: HostFilter = {
  name: 'AvailabilityZoneFilter',
  reject(host, spec) {
    const wanted = spec.availabilityZone;
    if (!wanted || host.availabilityZone === wanted) return null;
    return { host: host.name, reason: `in zone ${host.availabilityZone}` };
  },
  explain: (rs, spec) => `not in zone ${spec.availabilityZone ?? ''}`.trim(),
};
