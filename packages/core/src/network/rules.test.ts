import { describe, expect, it } from 'vitest';
import { normaliseRule, sameRule } from './rules';

describe('security group rule normalisation', () => {
  it('defaults to IPv4, any protocol, anywhere', () => {
    expect(normaliseRule({ direction: 'egress' })).toEqual({
      direction: 'egress', ethertype: 'IPv4', protocol: null, protocolNumber: null, portRangeMin: null, portRangeMax: null, remoteIpPrefix: null, remoteGroupId: null,
    });
  });

  it('takes protocols by name or number and refuses others naming the field', () => {
    expect(normaliseRule({ direction: 'ingress', protocol: 'TCP', port_range_min: 22, port_range_max: 22 })).toMatchObject({ protocol: 'tcp', protocolNumber: 6 });
    expect(normaliseRule({ direction: 'ingress', protocol: '17' })).toMatchObject({ protocol: '17', protocolNumber: 17 });
    expect(normaliseRule({ direction: 'ingress', protocol: 'icmp', ethertype: 'IPv6' })).toMatchObject({ protocolNumber: 58 });
    expect(() => normaliseRule({ direction: 'ingress', protocol: 'bogus' })).toThrow(expect.objectContaining({ field: 'protocol', status: 400 }));
    expect(() => normaliseRule({ direction: 'ingress', protocol: 256 })).toThrow(expect.objectContaining({ field: 'protocol' }));
    expect(() => normaliseRule({ direction: 'ingress', protocol: 'ipv6-icmp', ethertype: 'IPv4' })).toThrow(expect.objectContaining({ field: 'protocol' }));
  });

  it('checks port ranges per protocol: ports for tcp/udp, type and code for ICMP, none for others', () => {
    expect(() => normaliseRule({ direction: 'ingress', protocol: 'tcp', port_range_min: 80 })).toThrow(expect.objectContaining({ field: 'port_range_min' }));
    expect(() => normaliseRule({ direction: 'ingress', protocol: 'tcp', port_range_min: 90, port_range_max: 80 })).toThrow(/<= port_range_max/);
    expect(() => normaliseRule({ direction: 'ingress', protocol: 'udp', port_range_min: 0, port_range_max: 80 })).toThrow(/between 1 and 65535/);
    expect(normaliseRule({ direction: 'ingress', protocol: 'icmp', port_range_min: 8, port_range_max: 0 })).toMatchObject({ portRangeMin: 8, portRangeMax: 0 });
    expect(() => normaliseRule({ direction: 'ingress', protocol: 'icmp', port_range_max: 0 })).toThrow(/ICMP type/);
    expect(() => normaliseRule({ direction: 'ingress', protocol: 'gre', port_range_min: 1, port_range_max: 2 })).toThrow(expect.objectContaining({ field: 'port_range_min' }));
    expect(() => normaliseRule({ direction: 'ingress', port_range_min: 1, port_range_max: 2 })).toThrow(expect.objectContaining({ field: 'port_range_min' }));
  });

  it('normalises the remote prefix and checks it against the ethertype', () => {
    expect(normaliseRule({ direction: 'ingress', remote_ip_prefix: '10.1.2.3/8' }).remoteIpPrefix).toBe('10.0.0.0/8');
    expect(normaliseRule({ direction: 'ingress', remote_ip_prefix: '192.168.1.1' }).remoteIpPrefix).toBe('192.168.1.1/32');
    expect(() => normaliseRule({ direction: 'ingress', remote_ip_prefix: 'fd00::/8' })).toThrow(expect.objectContaining({ field: 'ethertype' }));
    expect(() => normaliseRule({ direction: 'ingress', remote_ip_prefix: '10.0.0.0/40' })).toThrow(expect.objectContaining({ field: 'remote_ip_prefix' }));
    expect(() => normaliseRule({ direction: 'ingress', remote_ip_prefix: '10.0.0.0/8', remote_group_id: 'x' })).toThrow(expect.objectContaining({ field: 'remote_group_id' }));
  });

  it('sees a rule by name and by number as the same rule', () => {
    const a = normaliseRule({ direction: 'ingress', protocol: 'tcp', port_range_min: 22, port_range_max: 22 });
    const b = normaliseRule({ direction: 'ingress', protocol: '6', port_range_min: 22, port_range_max: 22 });
    expect(sameRule(a, b)).toBe(true);
    expect(sameRule(a, { ...b, portRangeMax: 23 })).toBe(false);
  });
});
