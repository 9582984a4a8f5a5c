import type { HostState, RequestSpec } from '../types.js';

/**
 * A host weigher (Nova's BaseHostWeigher): a raw value per host, normalised across the candidates
 * to [0, 1], then scaled by its multiplier. A positive multiplier spreads (more free wins), a
 * negative one stacks.
 */
export interface HostWeigher {
  name: string;
  value(host: HostState, spec: RequestSpec): number;
}

/** Nova's `normalize`: min → 0, max → 1; all equal → all 0. */
export function normalize(values: readonly number[]): number[] {
  if (values.length === 0) return [];
  const min = Math.min(...values);
  const max = Math.max(...values);
  if (min === max) return values.map(() => 0);
  return values.map((v) => (v - min) / (max - min));
}
