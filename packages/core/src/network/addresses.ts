import { randomBytes } from 'node:crypto';
import ipaddr from 'ipaddr.js';

/**
 * Address math for IPAM, on bigints so IPv4 and IPv6 share one code path. Addresses leave this
 * module as canonical strings (`10.0.0.5`, `fd00::5`), the form IpAllocation rows are unique on.
 */
export type IpVersion = 4 | 6;

export interface Cidr {
  version: IpVersion;
  /** The network address (host bits cleared). */
  network: bigint;
  prefix: number;
}

export interface Pool {
  start: string;
  end: string;
}

function bits(version: IpVersion): number {
  return version === 4 ? 32 : 128;
}

function toBig(addr: ipaddr.IPv4 | ipaddr.IPv6): bigint {
  return addr.toByteArray().reduce((n, b) => (n << 8n) | BigInt(b), 0n);
}

export function formatIp(value: bigint, version: IpVersion): string {
  const bytes: number[] = [];
  for (let i = bits(version) / 8 - 1; i >= 0; i--) bytes.push(Number((value >> BigInt(i * 8)) & 0xffn));
  return ipaddr.fromByteArray(bytes).toString();
}

/** A plain address (no prefix), or null when it is not one. */
export function parseIp(text: string): { version: IpVersion; value: bigint } | null {
  if (typeof text !== 'string' || text.includes('/')) return null;
  const isV4 = ipaddr.IPv4.isValidFourPartDecimal(text);
  if (!isV4 && !ipaddr.IPv6.isValid(text)) return null;
  const addr = ipaddr.parse(text);
  return { version: addr.kind() === 'ipv4' ? 4 : 6, value: toBig(addr) };
}

/** Canonical text of an address, or null when it is not one. */
export function canonicalIp(text: string): string | null {
  const ip = parseIp(text);
  return ip ? formatIp(ip.value, ip.version) : null;
}

/** A CIDR as Neutron takes it: host bits must be clear (`10.0.0.1/24` is refused as Neutron does). */
export function parseCidr(text: string): Cidr | null {
  if (typeof text !== 'string') return null;
  const [addr, len, ...rest] = text.split('/');
  if (addr === undefined || len === undefined || rest.length > 0 || !/^\d{1,3}$/.test(len)) return null;
  const ip = parseIp(addr);
  const prefix = Number(len);
  if (!ip || prefix > bits(ip.version)) return null;
  const cidr = { version: ip.version, network: ip.value & mask(ip.version, prefix), prefix };
  return cidr.network === ip.value ? cidr : null;
}

export function formatCidr(c: Cidr): string {
  return `${formatIp(c.network, c.version)}/${c.prefix}`;
}

function mask(version: IpVersion, prefix: number): bigint {
  const width = BigInt(bits(version));
  return ((1n << width) - 1n) ^ ((1n << (width - BigInt(prefix))) - 1n);
}

export function lastAddress(c: Cidr): bigint {
  return c.network | (((1n << BigInt(bits(c.version))) - 1n) ^ mask(c.version, c.prefix));
}

export function contains(c: Cidr, version: IpVersion, value: bigint): boolean {
  return version === c.version && value >= c.network && value <= lastAddress(c);
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.version === b.version && a.network <= lastAddress(b) && b.network <= lastAddress(a);
}

/** The addresses hosts may use: IPv4 loses the network and broadcast addresses (except /31 and /32), IPv6 the subnet-router anycast. */
export function usableRange(c: Cidr): { first: bigint; last: bigint } {
  const last = lastAddress(c);
  if (c.version === 4 && c.prefix >= 31) return { first: c.network, last };
  return { first: c.network + 1n, last: c.version === 4 ? last - 1n : last };
}

/** Neutron's default gateway: the first usable address. */
export function defaultGateway(c: Cidr): string | null {
  const { first, last } = usableRange(c);
  return first <= last ? formatIp(first, c.version) : null;
}

/** Neutron's default pools: the usable range minus the gateway, split around it. */
export function defaultPools(c: Cidr, gateway: string | null): Pool[] {
  const { first, last } = usableRange(c);
  const gw = gateway ? parseIp(gateway)?.value : undefined;
  const ranges: Array<[bigint, bigint]> = gw !== undefined && gw >= first && gw <= last ? [[first, gw - 1n], [gw + 1n, last]] : [[first, last]];
  return ranges.filter(([a, b]) => a <= b).map(([a, b]) => ({ start: formatIp(a, c.version), end: formatIp(b, c.version) }));
}

/**
 * Checks pools given by a caller against the subnet: each inside the usable range, start <= end,
 * no overlap with each other nor with the gateway. Returns the reason, or null when they are fine.
 */
export function poolProblem(c: Cidr, pools: Pool[], gateway: string | null): string | null {
  const { first, last } = usableRange(c);
  const ranges: Array<[bigint, bigint]> = [];
  for (const p of pools) {
    const a = parseIp(p.start);
    const b = parseIp(p.end);
    if (!a || !b || a.version !== c.version || b.version !== c.version) return `Invalid pool ${p.start}-${p.end}: not addresses of the subnet's IP version.`;
    if (a.value > b.value) return `Invalid pool ${p.start}-${p.end}: the start is after the end.`;
    if (a.value < first || b.value > last) return `The allocation pool ${p.start}-${p.end} spans beyond the subnet cidr ${formatCidr(c)}.`;
    ranges.push([a.value, b.value]);
  }
  ranges.sort((x, y) => (x[0] < y[0] ? -1 : 1));
  for (let i = 1; i < ranges.length; i++) if (ranges[i]![0] <= ranges[i - 1]![1]) return 'Found overlapping allocation pools.';
  const gw = gateway ? parseIp(gateway)?.value : undefined;
  if (gw !== undefined && ranges.some(([a, b]) => gw >= a && gw <= b)) return `Gateway ip ${gateway} conflicts with allocation pool.`;
  return null;
}

/** Whether an address is inside one of the pools. */
export function inPools(pools: Pool[], value: bigint): boolean {
  return pools.some((p) => {
    const a = parseIp(p.start);
    const b = parseIp(p.end);
    return a !== null && b !== null && value >= a.value && value <= b.value;
  });
}

/** The first pool address not in `taken`, lowest first (Neutron's default IPAM hands them out in order too). */
export function firstFree(pools: Pool[], version: IpVersion, taken: ReadonlySet<string>): string | null {
  for (const p of pools) {
    const a = parseIp(p.start);
    const b = parseIp(p.end);
    if (!a || !b) continue;
    // Bounded by the taken set: at most taken.size + 1 candidates per pool are looked at.
    for (let v = a.value; v <= b.value; v++) {
      const ip = formatIp(v, version);
      if (!taken.has(ip)) return ip;
    }
  }
  return null;
}

/** Neutron's base MAC `fa:16:3e:00:00:00` with the last three octets random. */
export function randomMac(random: (n: number) => Buffer = randomBytes): string {
  const tail = [...random(3)].map((b) => b.toString(16).padStart(2, '0'));
  return ['fa', '16', '3e', ...tail].join(':');
}

/** A MAC given by a caller, lower-cased; null when it is not a unicast MAC. */
export function canonicalMac(text: string): string | null {
  if (typeof text !== 'string' || !/^([0-9a-f]{2}[:-]){5}[0-9a-f]{2}$/i.test(text)) return null;
  const mac = text.toLowerCase().replace(/-/g, ':');
  return parseInt(mac.slice(0, 2), 16) & 1 ? null : mac;
}
