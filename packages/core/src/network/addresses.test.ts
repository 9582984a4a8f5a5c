import { describe, expect, it } from 'vitest';
import { canonicalIp, canonicalMac, defaultGateway, defaultPools, firstFree, formatCidr, inPools, overlaps, parseCidr, parseIp, poolProblem, randomMac } from './addresses';

const cidr = (s: string) => {
  const c = parseCidr(s);
  if (!c) throw new Error(`bad cidr ${s}`);
  return c;
};

describe('CIDR parsing', () => {
  it('takes v4 and v6 networks and refuses host bits, bad prefixes and junk', () => {
    expect(formatCidr(cidr('10.0.0.0/24'))).toBe('10.0.0.0/24');
    expect(formatCidr(cidr('fd00:0:0:1::/64'))).toBe('fd00:0:0:1::/64');
    for (const bad of ['10.0.0.1/24', '10.0.0.0/33', '10.0.0.0', '10.0.0/24', 'x/8', '10.0.0.0/24/1', '010.0.0.0/8']) expect(parseCidr(bad), bad).toBeNull();
  });

  it('finds overlaps within one IP version only', () => {
    expect(overlaps(cidr('10.0.0.0/16'), cidr('10.0.5.0/24'))).toBe(true);
    expect(overlaps(cidr('10.0.0.0/24'), cidr('10.0.1.0/24'))).toBe(false);
    expect(overlaps(cidr('10.0.0.0/8'), cidr('fd00::/8'))).toBe(false);
  });

  it('canonicalises addresses', () => {
    expect(canonicalIp('fd00:0:0:0::5')).toBe('fd00::5');
    expect(canonicalIp('10.0.0.256')).toBeNull();
    expect(parseIp('10.0.0.1/32')).toBeNull();
  });
});

describe('gateway and pools', () => {
  it('defaults like Neutron: first address is the gateway, the rest up to broadcast is the pool', () => {
    const c = cidr('10.0.0.0/24');
    expect(defaultGateway(c)).toBe('10.0.0.1');
    expect(defaultPools(c, '10.0.0.1')).toEqual([{ start: '10.0.0.2', end: '10.0.0.254' }]);
    expect(defaultPools(c, '10.0.0.100')).toEqual([
      { start: '10.0.0.1', end: '10.0.0.99' },
      { start: '10.0.0.101', end: '10.0.0.254' },
    ]);
    expect(defaultPools(c, null)).toEqual([{ start: '10.0.0.1', end: '10.0.0.254' }]);
    expect(defaultPools(cidr('fd00::/126'), 'fd00::1')).toEqual([{ start: 'fd00::2', end: 'fd00::3' }]);
  });

  it('explains pools that leave the subnet, overlap, run backwards or hold the gateway', () => {
    const c = cidr('10.0.0.0/24');
    expect(poolProblem(c, [{ start: '10.0.0.10', end: '10.0.0.20' }], '10.0.0.1')).toBeNull();
    expect(poolProblem(c, [{ start: '10.0.0.10', end: '10.0.1.20' }], '10.0.0.1')).toMatch(/spans beyond/);
    expect(poolProblem(c, [{ start: '10.0.0.0', end: '10.0.0.20' }], null)).toMatch(/spans beyond/);
    expect(poolProblem(c, [{ start: '10.0.0.30', end: '10.0.0.20' }], null)).toMatch(/start is after/);
    expect(poolProblem(c, [{ start: '10.0.0.10', end: '10.0.0.20' }, { start: '10.0.0.20', end: '10.0.0.30' }], null)).toMatch(/overlapping/);
    expect(poolProblem(c, [{ start: '10.0.0.1', end: '10.0.0.20' }], '10.0.0.1')).toMatch(/conflicts/);
    expect(poolProblem(c, [{ start: 'fd00::1', end: 'fd00::2' }], null)).toMatch(/IP version/);
  });

  it('hands out the lowest free pool address and nothing outside the pools', () => {
    const pools = [{ start: '10.0.0.2', end: '10.0.0.3' }, { start: '10.0.0.10', end: '10.0.0.10' }];
    expect(firstFree(pools, 4, new Set())).toBe('10.0.0.2');
    expect(firstFree(pools, 4, new Set(['10.0.0.2', '10.0.0.3']))).toBe('10.0.0.10');
    expect(firstFree(pools, 4, new Set(['10.0.0.2', '10.0.0.3', '10.0.0.10']))).toBeNull();
    expect(inPools(pools, parseIp('10.0.0.10')!.value)).toBe(true);
    expect(inPools(pools, parseIp('10.0.0.4')!.value)).toBe(false);
  });
});

describe('MAC addresses', () => {
  it("uses Neutron's fa:16:3e prefix with three random octets", () => {
    expect(randomMac(() => Buffer.from([0x0a, 0xbc, 0xff]))).toBe('fa:16:3e:0a:bc:ff');
    expect(randomMac()).toMatch(/^fa:16:3e(:[0-9a-f]{2}){3}$/);
  });

  it('takes unicast MACs in either separator, refuses multicast', () => {
    expect(canonicalMac('FA-16-3E-00-00-01')).toBe('fa:16:3e:00:00:01');
    expect(canonicalMac('01:00:5e:00:00:01')).toBeNull();
    expect(canonicalMac('fa:16:3e:00:00')).toBeNull();
  });
});
