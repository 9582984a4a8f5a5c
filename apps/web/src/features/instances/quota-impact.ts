/** What launching `count` instances of a flavor takes from the project's quota, for the wizard. */
export interface QuotaLine {
  resource: 'instances' | 'vCPUs' | 'RAM';
  need: number;
  /** null = unlimited. */
  remaining: number | null;
  limit: number;
  unit: string;
  fits: boolean;
}

type Q = { limit: number; used: number };

function line(resource: QuotaLine['resource'], need: number, q: Q, unit = ''): QuotaLine {
  const remaining = q.limit < 0 ? null : Math.max(0, q.limit - q.used);
  return { resource, need, remaining, limit: q.limit, unit, fits: remaining === null || need <= remaining };
}

export function quotaImpact(quota: { instances: Q; cores: Q; ram: Q }, count: number, flavor: { vcpus: number; ramMb: number } | undefined): QuotaLine[] {
  return [
    line('instances', count, quota.instances),
    line('vCPUs', count * (flavor?.vcpus ?? 0), quota.cores),
    line('RAM', count * (flavor?.ramMb ?? 0), quota.ram, ' MB'),
  ];
}

/** "uses 2 of 8 remaining instances" / "uses 2 instances (unlimited)". */
export function describeLine(l: QuotaLine): string {
  return l.remaining === null ? `uses ${l.need}${l.unit} ${l.resource} (no limit)` : `uses ${l.need}${l.unit} of ${l.remaining}${l.unit} remaining ${l.resource}`;
}
