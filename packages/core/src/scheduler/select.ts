import { hosts as countHosts } from './filters/filter.js';
import { DEFAULT_FILTERS, type HostFilter, type Rejection } from './filters/index.js';
import type { HostState, RequestSpec } from './types.js';
import { cpuWeigher, diskWeigher, normalize, ramWeigher, serverGroupSoftAffinityWeigher, serverGroupSoftAntiAffinityWeigher, type HostWeigher } from './weighers/index.js';

/** Weigher multipliers (Nova's `[filter_scheduler] *_weight_multiplier`); 0 switches one off. */
export interface WeightMultipliers {
  ram: number;
  cpu: number;
  disk: number;
  softAffinity: number;
  softAntiAffinity: number;
}

/** RAM spread by default, as Nova; CPU and disk off unless configured; soft group policies at Nova's 1. */
export const DEFAULT_MULTIPLIERS: WeightMultipliers = { ram: 1, cpu: 0, disk: 0, softAffinity: 1, softAntiAffinity: 1 };

export interface FilterReport {
  filter: string;
  rejected: Rejection[];
  /** The summary after the filter name, e.g. "need 4096 MB, most free 2048 MB". */
  explanation: string;
}

export interface WeighedHost {
  host: HostState;
  weight: number;
}

export interface Selection {
  /** Passing hosts, best first. The first is tried; the rest are the alternates. */
  hosts: WeighedHost[];
  /** One entry per filter that rejected at least one host, in filter order. */
  reports: FilterReport[];
}

/**
 * Runs every filter over the hosts still in the running (a host leaves at its first failing
 * filter, as in Nova), then weighs the survivors. Ties keep a stable order by name so that the
 * result is deterministic.
 */
export function selectHosts(
  candidates: readonly HostState[],
  spec: RequestSpec,
  multipliers: WeightMultipliers = DEFAULT_MULTIPLIERS,
  filters: readonly HostFilter[] = DEFAULT_FILTERS,
): Selection {
  let remaining = [...candidates];
  const reports: FilterReport[] = [];
  for (const filter of filters) {
    const rejected: Rejection[] = [];
    remaining = remaining.filter((h) => {
      const r = filter.reject(h, spec);
      if (r) rejected.push(r);
      return !r;
    });
    if (rejected.length > 0) reports.push({ filter: filter.name, rejected, explanation: filter.explain(rejected, spec) });
  }
  return { hosts: weigh(remaining, spec, multipliers), reports };
}

export function weigh(hosts: readonly HostState[], spec: RequestSpec, multipliers: WeightMultipliers): WeighedHost[] {
  const weighers: Array<[HostWeigher, number]> = [
    [ramWeigher, multipliers.ram],
    [cpuWeigher, multipliers.cpu],
    [diskWeigher, multipliers.disk],
    [serverGroupSoftAffinityWeigher, multipliers.softAffinity],
    [serverGroupSoftAntiAffinityWeigher, multipliers.softAntiAffinity],
  ];
  const weights = hosts.map(() => 0);
  for (const [weigher, multiplier] of weighers) {
    if (multiplier === 0) continue;
    normalize(hosts.map((h) => weigher.value(h, spec))).forEach((n, i) => (weights[i]! += multiplier * n));
  }
  return hosts
    .map((host, i) => ({ host, weight: weights[i]! }))
    .sort((a, b) => b.weight - a.weight || a.host.name.localeCompare(b.host.name));
}

/**
 * Nova's fault message when nothing passed, explained per filter:
 * "No valid host was found. RamFilter: 3 hosts, need 4096 MB, most free 2048 MB; ...".
 */
export function noValidHostMessage(candidateCount: number, reports: readonly FilterReport[]): string {
  if (candidateCount === 0) return 'No valid host was found. There are not enough hosts available.';
  const parts = reports.map((r) => `${r.filter}: ${countHosts(r.rejected.length)}, ${r.explanation}`);
  return `No valid host was found. ${parts.join('; ')}`;
}
