import { describe, expect, it } from 'vitest';
import { parseAddresses, parseFdb, parseLinks, parseNamespaces, parseRoutes, parseRuleset } from './observed.js';

// Trimmed output of iproute2 6.1 and nft 1.0.6 on Debian 12.
const links = JSON.stringify([
  { ifindex: 1, ifname: 'lo', flags: ['LOOPBACK', 'UP', 'LOWER_UP'], mtu: 65536, linkinfo: undefined },
  { ifindex: 2, ifname: 'brq1', flags: ['BROADCAST', 'MULTICAST', 'UP'], mtu: 1450, linkinfo: { info_kind: 'bridge', info_data: { bridge_id: '8000.6e', root_id: '8000.6e' } } },
  {
    ifindex: 3,
    ifname: 'vxlan-7',
    flags: ['BROADCAST', 'MULTICAST'],
    mtu: 1450,
    master: 'brq1',
    linkinfo: { info_kind: 'vxlan', info_data: { id: 7, local: '192.0.2.1', port: 4789 }, info_slave_kind: 'bridge', info_slave_data: { id: '0x8001' } },
  },
  { ifindex: 4, ifname: 'tapx', flags: ['UP'], mtu: 1400, master: 'brq1', link_netnsid: 0, linkinfo: { info_kind: 'veth' } },
]);

describe('observed state parsers', () => {
  it('reads links with their kind, bridge, state and VXLAN settings', () => {
    const l = parseLinks(links);
    expect(l.get('brq1')).toEqual({ name: 'brq1', kind: 'bridge', master: null, up: true, mtu: 1450 });
    expect(l.get('vxlan-7')).toEqual({ name: 'vxlan-7', kind: 'vxlan', master: 'brq1', up: false, mtu: 1450, vxlan: { id: 7, local: '192.0.2.1', port: 4789 } });
    expect(l.get('tapx')?.kind).toBe('veth');
  });

  it('reads IPv4 addresses and gateway routes', () => {
    const a = parseAddresses(
      JSON.stringify([{ ifname: 'ns-x', flags: ['UP'], addr_info: [{ family: 'inet', local: '10.0.0.2', prefixlen: 24 }, { family: 'inet6', local: 'fe80::1', prefixlen: 64 }] }]),
    );
    expect(a.get('ns-x')).toEqual({ up: true, addrs: new Set(['10.0.0.2/24']) });
    const r = parseRoutes(
      JSON.stringify([
        { dst: '10.0.0.0/24', dev: 'ns-x', protocol: 'kernel', scope: 'link' },
        { dst: 'default', gateway: '203.0.113.1', dev: 'qg-x' },
      ]),
    );
    expect([...r]).toEqual([['default', '203.0.113.1']]);
  });

  it('reads namespaces, also when there are none (ip prints nothing)', () => {
    expect(parseNamespaces('')).toEqual(new Set());
    expect(parseNamespaces('[{"name":"a"},{"name":"b","id":0}]\n')).toEqual(new Set(['a', 'b']));
  });

  it('keeps only the flooding entries of a VXLAN device', () => {
    const fdb = [
      { mac: '6e:f6:c0:f1:e4:0c', flags: [], master: 'brq1', state: 'permanent' },
      { mac: '00:00:00:00:00:00', dst: '192.0.2.2', flags: ['self'], state: 'permanent' },
    ];
    expect(parseFdb(JSON.stringify(fdb))).toEqual(new Set(['192.0.2.2']));
  });

  it('reads tables, chains and verdict map keys', () => {
    const r = parseRuleset(
      JSON.stringify({
        nftables: [
          { metainfo: { version: '1.0.6' } },
          { table: { family: 'bridge', name: 'nimbus', handle: 1 } },
          { map: { family: 'bridge', name: 'ports-in', table: 'nimbus', type: 'ifname', map: 'verdict', elem: [['tapa', { jump: { target: 'in-tapa' } }]] } },
          { chain: { family: 'bridge', table: 'nimbus', name: 'in-tapa', handle: 1 } },
          { rule: { family: 'bridge', table: 'nimbus', chain: 'forward', expr: [] } },
        ],
      }),
    );
    expect(r.tables).toEqual(new Set(['bridge nimbus']));
    expect(r.chains).toEqual(new Set(['bridge nimbus in-tapa']));
    expect(r.mapKeys.get('bridge nimbus ports-in')).toEqual(new Set(['tapa']));
  });
});
