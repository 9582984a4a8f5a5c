import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixture, type Fixture } from '../identity/resources/test-fixture.js';
import { isNimbusError } from '@nimbus/shared';
import { createNetwork, deleteNetwork } from './networks.js';
import { createSubnet, deleteSubnet } from './subnets.js';
import { createPort, deletePort } from './ports.js';
import { createRouter, addRouterInterface, deleteRouter } from './routers.js';
import { createSecurityGroup, deleteSecurityGroup, ensureDefaultSecurityGroup, listSecurityGroups } from './security-groups.js';
import { updateNetworkQuota } from './quotas.js';
import { neutronTypeOf } from './errors.js';

let f: Fixture;

beforeAll(async () => {
  f = await createFixture('network-ipam');
});
afterAll(async () => {
  await f?.cleanup();
});

async function networkWithSubnet(cidr: string, attrs: Record<string, unknown> = {}) {
  const ctx = f.ctx(f.demo);
  const net = await createNetwork(ctx, { network: { name: `n-${cidr}` } });
  const subnet = await createSubnet(ctx, { subnet: { network_id: net.id, cidr, ip_version: 4, enable_dhcp: false, ...attrs } });
  return { networkId: net.id as string, subnetId: subnet.id as string };
}

/** The Neutron fault type of a rejected call. */
async function faultOf(p: Promise<unknown>): Promise<{ status: number; type: string | undefined; message: string }> {
  try {
    await p;
  } catch (err) {
    if (isNimbusError(err)) return { status: err.status, type: neutronTypeOf(err), message: err.message };
    throw err;
  }
  throw new Error('expected a failure');
}

describe('IPAM', () => {
  it('hands 100 concurrent port creates on a /24 from three projects 100 distinct addresses', async () => {
    // A shared network, so that the creates do not queue on one project's quota lock: only IPAM's own guards keep them apart.
    const admin = f.ctx(f.admin);
    const net = await createNetwork(admin, { network: { name: 'race', shared: true } });
    const subnet = await createSubnet(admin, { subnet: { network_id: net.id, cidr: '10.20.0.0/24', ip_version: 4, enable_dhcp: false } });
    const callers = [f.admin, f.demo, f.carol];
    const ports = await Promise.all(Array.from({ length: 100 }, (_, i) => createPort(f.ctx(callers[i % 3]!), { port: { network_id: net.id } })));
    const ips = ports.map((p) => (p.fixed_ips as Array<{ ip_address: string }>)[0]!.ip_address);
    expect(new Set(ips).size).toBe(100);
    const rows = await f.t.db.ipAllocation.findMany({ where: { subnetId: subnet.id as string } });
    expect(rows).toHaveLength(100);
    expect(new Set(rows.map((r) => r.ip)).size).toBe(100);
    expect(ips).not.toContain('10.20.0.1');
  }, 120_000);

  it("answers exhaustion with Neutron's 409 IpAddressGenerationFailure and leaves no port behind", async () => {
    const { networkId } = await networkWithSubnet('10.21.0.0/29');
    const ctx = f.ctx(f.demo);
    // A /29 has 6 usable addresses, one of them the gateway.
    for (let i = 0; i < 5; i++) await createPort(ctx, { port: { network_id: networkId } });
    const before = await f.t.db.port.count({ where: { networkId } });
    expect(await faultOf(createPort(ctx, { port: { network_id: networkId } }))).toEqual({
      status: 409,
      type: 'IpAddressGenerationFailure',
      message: `No more IP addresses available on network ${networkId}.`,
    });
    expect(await f.t.db.port.count({ where: { networkId } })).toBe(before);
  });

  it('gives a freed address out again', async () => {
    const { networkId } = await networkWithSubnet('10.22.0.0/29');
    const ctx = f.ctx(f.demo);
    const ports = [];
    for (let i = 0; i < 5; i++) ports.push(await createPort(ctx, { port: { network_id: networkId } }));
    await deletePort(ctx, ports[2]!.id as string);
    const again = await createPort(ctx, { port: { network_id: networkId } });
    expect(again.fixed_ips).toEqual(ports[2]!.fixed_ips);
  });
});

describe('segments', () => {
  it('gives racing network creates distinct VNIs from the range', async () => {
    const nets = await Promise.all(Array.from({ length: 12 }, (_, i) => createNetwork(f.ctx([f.admin, f.demo, f.carol][i % 3]!), { network: { name: `vni-${i}` } })));
    const rows = await f.t.db.network.findMany({ where: { id: { in: nets.map((n) => n.id as string) } } });
    const vnis = rows.map((r) => r.segmentationId);
    expect(new Set(vnis).size).toBe(12);
    expect(vnis.every((v) => v !== null && v >= 1000 && v <= 1999)).toBe(true);
  });
});

describe('in-use conflicts', () => {
  it('409s deleting a network or subnet in use, a router with interfaces and a security group on a port', async () => {
    const ctx = f.ctx(f.demo);
    const { networkId, subnetId } = await networkWithSubnet('10.23.0.0/24');
    const router = await createRouter(ctx, { router: { name: 'r' } });
    await addRouterInterface(ctx, router.id as string, { subnet_id: subnetId });
    expect((await faultOf(deleteNetwork(ctx, networkId))).type).toBe('NetworkInUse');
    expect((await faultOf(deleteSubnet(ctx, subnetId))).type).toBe('SubnetInUse');
    expect(await faultOf(deleteRouter(ctx, router.id as string))).toMatchObject({ status: 409, type: 'RouterInUse' });
    const sg = await createSecurityGroup(ctx, { security_group: { name: 'web' } });
    const port = await createPort(ctx, { port: { network_id: networkId, security_groups: [sg.id] } });
    expect(await faultOf(deleteSecurityGroup(ctx, sg.id as string))).toMatchObject({ status: 409, type: 'SecurityGroupInUse' });
    await deletePort(ctx, port.id as string);
    await deleteSecurityGroup(ctx, sg.id as string);
  });

  it("answers another project's resources with 404s of their own type", async () => {
    const { networkId, subnetId } = await networkWithSubnet('10.24.0.0/24');
    const carol = f.ctx(f.carol);
    expect((await faultOf(createPort(carol, { port: { network_id: networkId } }))).type).toBe('NetworkNotFound');
    expect((await faultOf(deleteSubnet(carol, subnetId))).type).toBe('SubnetNotFound');
    const sg = await ensureDefaultSecurityGroup(f.t.db, f.demo.projectId!);
    expect((await faultOf(deleteSecurityGroup(carol, sg))).type).toBe('SecurityGroupNotFound');
  });
});

describe('default security group', () => {
  it("is made once per project, under concurrency, with Neutron's four rules", async () => {
    const ids = await Promise.all(Array.from({ length: 8 }, () => ensureDefaultSecurityGroup(f.t.db, f.carol.projectId!)));
    expect(new Set(ids).size).toBe(1);
    const groups = await listSecurityGroups(f.ctx(f.carol));
    const defaults = groups.filter((g) => g.name === 'default');
    expect(defaults).toHaveLength(1);
    const rules = (defaults[0]!.security_group_rules as Array<Record<string, unknown>>).map((r) => [r.direction, r.ethertype, r.remote_group_id]).sort();
    expect(rules).toEqual([
      ['egress', 'IPv4', null],
      ['egress', 'IPv6', null],
      ['ingress', 'IPv4', ids[0]],
      ['ingress', 'IPv6', ids[0]],
    ]);
  });
});

describe('quotas', () => {
  it('accepts exactly the quota of racing creates', async () => {
    const admin = f.ctx(f.admin);
    const carol = f.ctx(f.carol);
    const existing = await f.t.db.network.count({ where: { projectId: f.carol.projectId! } });
    await updateNetworkQuota(admin, f.carol.projectId!, { quota: { network: existing + 3 } });
    const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => createNetwork(carol, { network: { name: `q-${i}` } })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected.map((r) => neutronTypeOf(r.reason))).toEqual(Array(7).fill('OverQuota'));
    expect(rejected[0]!.reason.message).toBe("Quota exceeded for resources: ['network'].");
    expect(await f.t.db.network.count({ where: { projectId: f.carol.projectId! } })).toBe(existing + 3);
  });
});
