import { z } from 'zod';

/**
 * What the node holds, read from the kernel (`ip -j`, `bridge -j`, `nft -j`) and the driver's
 * state folder. Parsers are pure so the planner's tests can feed them recorded output.
 */
export interface ObservedLink {
  name: string;
  /** `bridge`, `vxlan`, `veth`, `tun`, ... (`linkinfo.info_kind`); empty for plain devices. */
  kind: string;
  master: string | null;
  up: boolean;
  mtu: number;
  vxlan?: { id: number; local: string | null; port: number | null };
}

export interface ObservedNamespace {
  /** Device → its IPv4 addresses as `ip/prefix`, and whether it is up. */
  devices: Map<string, { up: boolean; addrs: Set<string> }>;
  /** Gateway routes (`destination` → `via`); `default` for the default route. */
  routes: Map<string, string>;
  /** nftables tables present (`family name`). */
  tables: Set<string>;
}

export interface ObservedRuleset {
  tables: Set<string>;
  chains: Set<string>;
  /** Map name → keys (`ports-in` → tap names). */
  mapKeys: Map<string, Set<string>>;
}

export interface ObservedDnsmasq {
  pid: number | null;
  /** The argv it was last started with, as the driver recorded it. */
  argv: string | null;
  hosts: string | null;
}

export interface Observed {
  links: Map<string, ObservedLink>;
  /** VXLAN device → flood destinations. */
  fdb: Map<string, Set<string>>;
  /** All namespace names on the host (the driver only ever acts on its own). */
  namespaces: Set<string>;
  /** Inside each of the driver's own DHCP and router namespaces. */
  inside: Map<string, ObservedNamespace>;
  ruleset: ObservedRuleset;
  /** nft files the driver last applied (object key → content). */
  applied: Map<string, string>;
  dnsmasq: Map<string, ObservedDnsmasq>;
}

const LinkJson = z.array(
  z.object({
    ifname: z.string(),
    flags: z.array(z.string()).default([]),
    mtu: z.number(),
    master: z.string().optional(),
    linkinfo: z
      .object({
        info_kind: z.string().optional(),
        info_data: z.record(z.string(), z.unknown()).optional(),
      })
      .loose()
      .optional(),
  }).loose(),
);

export function parseLinks(json: string): Map<string, ObservedLink> {
  const links = new Map<string, ObservedLink>();
  for (const l of LinkJson.parse(JSON.parse(json || '[]'))) {
    const kind = l.linkinfo?.info_kind ?? '';
    const data = l.linkinfo?.info_data ?? {};
    const num = (v: unknown) => (typeof v === 'number' ? v : null);
    links.set(l.ifname, {
      name: l.ifname,
      kind,
      master: l.master ?? null,
      up: l.flags.includes('UP'),
      mtu: l.mtu,
      ...(kind === 'vxlan' ? { vxlan: { id: num(data.id) ?? 0, local: typeof data.local === 'string' ? data.local : null, port: num(data.port) } } : {}),
    });
  }
  return links;
}

const AddrJson = z.array(
  z.object({
    ifname: z.string(),
    flags: z.array(z.string()).default([]),
    addr_info: z.array(z.object({ family: z.string(), local: z.string(), prefixlen: z.number() }).loose()).default([]),
  }).loose(),
);

export function parseAddresses(json: string): ObservedNamespace['devices'] {
  const devices: ObservedNamespace['devices'] = new Map();
  for (const d of AddrJson.parse(JSON.parse(json || '[]'))) {
    const addrs = new Set(d.addr_info.filter((a) => a.family === 'inet').map((a) => `${a.local}/${a.prefixlen}`));
    devices.set(d.ifname, { up: d.flags.includes('UP'), addrs });
  }
  return devices;
}

const RouteJson = z.array(z.object({ dst: z.string(), gateway: z.string().optional() }).loose());

export function parseRoutes(json: string): Map<string, string> {
  const routes = new Map<string, string>();
  for (const r of RouteJson.parse(JSON.parse(json || '[]'))) if (r.gateway) routes.set(r.dst, r.gateway);
  return routes;
}

const NetnsJson = z.array(z.object({ name: z.string() }).loose());

/** `ip -j netns list` prints nothing at all when there is no namespace. */
export function parseNamespaces(json: string): Set<string> {
  return new Set(NetnsJson.parse(JSON.parse(json.trim() || '[]')).map((n) => n.name));
}

const FdbJson = z.array(z.object({ mac: z.string(), dst: z.string().optional() }).loose());

export function parseFdb(json: string): Set<string> {
  return new Set(
    FdbJson.parse(JSON.parse(json.trim() || '[]'))
      .filter((e) => e.mac === '00:00:00:00:00:00' && e.dst)
      .map((e) => e.dst!),
  );
}

const NftJson = z.object({ nftables: z.array(z.record(z.string(), z.unknown())) });
const NftNamed = z.object({ family: z.string(), name: z.string(), table: z.string().optional() }).loose();
const NftMap = NftNamed.extend({ elem: z.array(z.tuple([z.string(), z.unknown()])).optional() });

/** Tables as `family name`, chains and maps as `family table name`. */
export function parseRuleset(json: string): ObservedRuleset {
  const out: ObservedRuleset = { tables: new Set(), chains: new Set(), mapKeys: new Map() };
  for (const item of NftJson.parse(JSON.parse(json || '{"nftables":[]}')).nftables) {
    if (item.table) {
      const t = NftNamed.parse(item.table);
      out.tables.add(`${t.family} ${t.name}`);
    } else if (item.chain) {
      const c = NftNamed.parse(item.chain);
      out.chains.add(`${c.family} ${c.table} ${c.name}`);
    } else if (item.map) {
      const m = NftMap.parse(item.map);
      out.mapKeys.set(`${m.family} ${m.table} ${m.name}`, new Set((m.elem ?? []).map(([k]) => k)));
    }
  }
  return out;
}
