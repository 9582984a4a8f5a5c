import type { PortState, RouterState, SecurityGroupRuleState, SecurityGroupState } from '@nimbus/shared/network-state';

/**
 * nftables rulesets (pure text, golden-tested), one per object, each applied by one `nft -f` so a
 * change lands atomically.
 *
 * Security groups: this kernel has no conntrack for the `bridge` family, so connection state comes
 * from br_netfilter (bridged IPv4/IPv6 pass the inet hooks, `bridge-nf-call-iptables=1` in the node
 * namespace): an inet prerouting chain marks packets of established/related connections, and the
 * bridge forward chain, which alone sees the bridge ports, dispatches per tap (verdict maps) to the
 * port's chains. A port chain `return`s what it allows, so traffic between two guarded ports passes
 * the sender's egress chain and then the receiver's ingress chain, and drops the rest.
 */
export const SG_TABLE = 'nimbus';
export const CT_TABLE = 'nimbus-ct';
export const NAT_TABLE = 'nimbus-nat';
export const ESTABLISHED_MARK = '0x4e42';

export const ingressChain = (tap: string) => `in-${tap}`;
export const egressChain = (tap: string) => `out-${tap}`;

/** The node namespace's base: the established mark and the per-tap dispatch. Safe to re-apply. */
export function baseRuleset(): string {
  return `table inet ${CT_TABLE} {
  chain prerouting {
    type filter hook prerouting priority -150; policy accept;
  }
}
flush chain inet ${CT_TABLE} prerouting
table inet ${CT_TABLE} {
  chain prerouting {
    ct state established,related meta mark set ${ESTABLISHED_MARK}
  }
}
table bridge ${SG_TABLE} {
  map ports-in {
    type ifname : verdict
  }
  map ports-out {
    type ifname : verdict
  }
  chain forward {
    type filter hook forward priority -100; policy accept;
  }
}
flush chain bridge ${SG_TABLE} forward
table bridge ${SG_TABLE} {
  chain forward {
    iifname vmap @ports-out
    oifname vmap @ports-in
  }
}
`;
}

function l4(rule: SecurityGroupRuleState, v6: boolean): string[] {
  const { protocol, portRangeMin: min, portRangeMax: max } = rule;
  if (protocol === undefined) return [];
  if (protocol === 'icmp') {
    const icmp = v6 ? 'icmpv6' : 'icmp';
    if (min === undefined) return [`meta l4proto ${v6 ? 'ipv6-icmp' : 'icmp'}`];
    return [`${icmp} type ${min}`, ...(max === undefined ? [] : [`${icmp} code ${max}`])];
  }
  if (typeof protocol === 'number') return [`meta l4proto ${protocol}`];
  if (min === undefined) return [`meta l4proto ${protocol}`];
  const range = max === undefined || max === min ? `${min}` : `${min}-${max}`;
  return [`${protocol} dport ${range}`];
}

/** One allow rule of a port chain, or null when it can match nothing (a remote group without members). */
export function ruleLine(rule: SecurityGroupRuleState): string | null {
  const v6 = rule.ethertype === 'IPv6';
  const family = v6 ? 'ip6' : 'ip';
  const matches: string[] = [];
  if (rule.remoteIpPrefixes.length) {
    const side = rule.direction === 'ingress' ? 'saddr' : 'daddr';
    matches.push(`${family} ${side} { ${rule.remoteIpPrefixes.join(', ')} }`);
  } else if (rule.remoteGroupId) {
    return null;
  }
  matches.push(...l4(rule, v6));
  if (matches.length === 0) matches.push(`ether type ${v6 ? 'ip6' : 'ip'}`);
  return `${matches.join(' ')} return`;
}

function portRules(port: PortState, groups: Map<string, SecurityGroupState>, direction: 'ingress' | 'egress'): string[] {
  const lines = new Set<string>();
  for (const id of port.securityGroupIds) {
    for (const rule of groups.get(id)?.rules ?? []) {
      if (rule.direction !== direction) continue;
      const line = ruleLine(rule);
      if (line) lines.add(line);
    }
  }
  return [...lines];
}

/**
 * A guarded port's two chains. Flushing them in the same transaction as the new rules means a
 * removed rule stops matching the moment `nft -f` returns, with no window of an empty chain.
 */
export function portRuleset(port: PortState, groups: Map<string, SecurityGroupState>): string {
  const tap = port.tapName;
  const [inC, outC] = [ingressChain(tap), egressChain(tap)];
  const ips = port.fixedIps.map((f) => f.ip);
  const indent = (lines: string[]) => lines.map((l) => `    ${l}\n`).join('');
  const ingress = [
    `meta mark ${ESTABLISHED_MARK} return`,
    'ether type arp return',
    'udp sport 67 udp dport 68 return',
    ...portRules(port, groups, 'ingress'),
    'drop',
  ];
  const egress = [
    `ether saddr != ${port.mac} drop`,
    'ether type arp return',
    'udp sport 68 udp dport 67 return',
    ...(ips.length ? [`ip saddr != { ${ips.join(', ')} } drop`] : []),
    `meta mark ${ESTABLISHED_MARK} return`,
    ...portRules(port, groups, 'egress'),
    'drop',
  ];
  return `table bridge ${SG_TABLE} {
  chain ${inC} {
  }
  chain ${outC} {
  }
}
flush chain bridge ${SG_TABLE} ${inC}
flush chain bridge ${SG_TABLE} ${outC}
table bridge ${SG_TABLE} {
  chain ${inC} {
${indent(ingress)}  }
  chain ${outC} {
${indent(egress)}  }
}
add element bridge ${SG_TABLE} ports-in { "${tap}" : jump ${inC} }
add element bridge ${SG_TABLE} ports-out { "${tap}" : jump ${outC} }
`;
}

/** Removes a port's dispatch and chains; only the pieces that exist, or the transaction fails. */
export function removePortRuleset(tap: string, has: { inElement: boolean; outElement: boolean; inChain: boolean; outChain: boolean }): string {
  const lines: string[] = [];
  if (has.inElement) lines.push(`delete element bridge ${SG_TABLE} ports-in { "${tap}" }`);
  if (has.outElement) lines.push(`delete element bridge ${SG_TABLE} ports-out { "${tap}" }`);
  if (has.inChain) lines.push(`delete chain bridge ${SG_TABLE} ${ingressChain(tap)}`);
  if (has.outChain) lines.push(`delete chain bridge ${SG_TABLE} ${egressChain(tap)}`);
  return lines.map((l) => `${l}\n`).join('');
}

/**
 * A router's NAT, replaced whole: floating IPs are 1:1 (DNAT in, SNAT out), the rest of the
 * router's subnets leave masqueraded behind the gateway address when SNAT is on.
 */
export function routerRuleset(router: RouterState, gatewayDev: string | null): string {
  const prerouting: string[] = [];
  const postrouting: string[] = [];
  if (router.gatewayPort && gatewayDev) {
    for (const f of router.floatingIps) {
      prerouting.push(`ip daddr ${f.floatingIp} dnat to ${f.fixedIp}`);
      postrouting.push(`oifname "${gatewayDev}" ip saddr ${f.fixedIp} snat to ${f.floatingIp}`);
    }
    const subnets = [...new Set(router.interfaces.map((i) => i.cidr))];
    if (router.enableSnat && subnets.length) {
      postrouting.push(`oifname "${gatewayDev}" ip saddr { ${subnets.join(', ')} } snat to ${router.gatewayPort.ip}`);
    }
  }
  const body = (lines: string[]) => lines.map((l) => `    ${l}\n`).join('');
  return `table ip ${NAT_TABLE}
delete table ip ${NAT_TABLE}
table ip ${NAT_TABLE} {
  chain prerouting {
    type nat hook prerouting priority dstnat; policy accept;
${body(prerouting)}  }
  chain output {
    type nat hook output priority -100; policy accept;
${body(prerouting)}  }
  chain postrouting {
    type nat hook postrouting priority srcnat; policy accept;
${body(postrouting)}  }
}
`;
}
