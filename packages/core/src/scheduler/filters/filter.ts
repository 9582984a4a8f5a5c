import type { HostState, RequestSpec } from '../types.js';

/** Why one host failed a filter: a short reason and, for capacity filters, what it had free. */
export interface Rejection {
  host: string;
  reason: string;
  free?: number;
}

/**
 * A host filter (Nova's BaseHostFilter): `reject` returns null when the host passes. `explain`
 * summarises every rejection of the filter for the "No valid host" fault, so it reads as
 * "RamFilter: 3 hosts, need 4096 MB, most free 2048 MB".
 */
export interface HostFilter {
  name: string;
  reject(host: HostState, spec: RequestSpec): Rejection | null;
  explain(rejections: readonly Rejection[], spec: RequestSpec): string;
}

/** "3 hosts" / "1 host". */
export function hosts(n: number): string {
  return `${n} host${n === 1 ? '' : 's'}`;
}

/** The distinct reasons with their counts when more than one, in first-seen order. */
export function reasons(rejections: readonly Rejection[]): string {
  const counts = new Map<string, number>();
  for (const r of rejections) counts.set(r.reason, (counts.get(r.reason) ?? 0) + 1);
  if (counts.size === 1) return [...counts.keys()][0]!;
  return [...counts].map(([reason, n]) => `${n} ${reason}`).join(', ');
}

export function mostFree(rejections: readonly Rejection[]): number {
  return Math.max(...rejections.map((r) => r.free ?? 0));
}
