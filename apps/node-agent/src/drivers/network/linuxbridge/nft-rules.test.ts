import { describe, expect, it } from 'vitest';
import type { SecurityGroupRuleState } from '@nimbus/shared/network-state';
import { fixtureState } from './__fixtures__/state.js';
import { baseRuleset, portRuleset, removePortRuleset, routerRuleset, ruleLine } from './nft-rules.js';

const state = fixtureState();
const groups = new Map(state.securityGroups.map((g) => [g.id, g]));
const golden = (name: string, text: string) => expect(text).toMatchFileSnapshot(`./__golden__/${name}.nft`);

describe('nftables rulesets', () => {
  it('base: the established mark and the per-tap dispatch, re-appliable', async () => {
    await golden('base', baseRuleset());
  });

  it('a guarded port: anti-spoofing, established first, the allow-list, default drop', async () => {
    await golden('port', portRuleset(state.ports[0]!, groups));
  });

  it('removes only the pieces of a port that exist', () => {
    expect(removePortRuleset('tapx', { inElement: true, outElement: false, inChain: true, outChain: false })).toBe(
      'delete element bridge nimbus ports-in { "tapx" }\ndelete chain bridge nimbus in-tapx\n',
    );
  });

  it('a router: 1:1 NAT per floating IP, SNAT of its subnets behind the gateway address', async () => {
    await golden('router', routerRuleset(state.routers[0]!, 'qg-b1b2b3b4-b5'));
  });

  it('a router without SNAT or gateway gets empty NAT chains', () => {
    const r = { ...state.routers[0]!, enableSnat: false, floatingIps: [] };
    expect(routerRuleset(r, 'qg-x')).not.toContain('snat');
    expect(routerRuleset({ ...state.routers[0]!, gatewayPort: null }, null)).not.toContain('nat to');
  });

  it('renders rules like Neutron reads them', () => {
    const base: SecurityGroupRuleState = { direction: 'ingress', ethertype: 'IPv4', remoteIpPrefixes: [] };
    expect(ruleLine(base)).toBe('ether type ip return');
    expect(ruleLine({ ...base, protocol: 'tcp', portRangeMin: 80, portRangeMax: 90 })).toBe('tcp dport 80-90 return');
    expect(ruleLine({ ...base, protocol: 'udp' })).toBe('meta l4proto udp return');
    expect(ruleLine({ ...base, protocol: 'icmp', portRangeMin: 8, portRangeMax: 0 })).toBe('icmp type 8 icmp code 0 return');
    expect(ruleLine({ ...base, protocol: 47, remoteIpPrefixes: ['192.0.2.0/24'] })).toBe('ip saddr { 192.0.2.0/24 } meta l4proto 47 return');
    expect(ruleLine({ ...base, direction: 'egress', ethertype: 'IPv6', protocol: 'icmp', remoteIpPrefixes: ['2001:db8::/64'] })).toBe(
      'ip6 daddr { 2001:db8::/64 } meta l4proto ipv6-icmp return',
    );
  });

  it('lets a remote group without members match nobody, not everybody', () => {
    expect(ruleLine({ direction: 'ingress', ethertype: 'IPv4', remoteIpPrefixes: [], remoteGroupId: 'f1f2f3f4-f5f6' })).toBeNull();
  });
});
