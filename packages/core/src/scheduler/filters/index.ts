import { availabilityZoneFilter } from './availability-zone.js';
import { coreFilter, diskFilter, ramFilter } from './capacity.js';
import { computeFilter } from './compute.js';
import type { HostFilter } from './filter.js';
import { imagePropertiesFilter } from './image-properties.js';
import { retryFilter } from './retry.js';
import { serverGroupAffinityFilter, serverGroupAntiAffinityFilter } from './server-group.js';

export type { HostFilter, Rejection } from './filter.js';
export { availabilityZoneFilter, computeFilter, coreFilter, diskFilter, imagePropertiesFilter, ramFilter, retryFilter, serverGroupAffinityFilter, serverGroupAntiAffinityFilter };

/** Nova's default order: cheap liveness checks first, then capacity, then properties and group policies. */
export const DEFAULT_FILTERS: readonly HostFilter[] = [
  computeFilter,
  retryFilter,
  availabilityZoneFilter,
  ramFilter,
  coreFilter,
  diskFilter,
  imagePropertiesFilter,
  serverGroupAntiAffinityFilter,
  serverGroupAffinityFilter,
];
