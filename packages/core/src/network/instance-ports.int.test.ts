import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isNimbusError, newId } from '@nimbus/shared';
import { createFixture, type Fixture } from '../identity/resources/test-fixture.js';
import { createNetwork } from './networks.js';
import { createSubnet } from './subnets.js';
import { createPort } from './ports.js';
import { createRouter, addRouterInterface, updateRouter } from './routers.js';
import { createFloatingIp } from './floating-ips.js';
import { createSecurityGroup } from './security-groups.js';
import { createSecurityGroupRule } from './security-group-rules.js';
import { allocatePortsForInstance, bindPortsForInstance, releasePortsForInstance, type RequestedNetwork } from './instance-ports.js';
import { desiredNetworkState } from './desired-state.js';
import { neutronTypeOf } from './errors.js';

let f: Fixture;
let net: { id: string };
let subnetId: string;

beforeAll(async () => {
  f = await createFixture('network-instance-ports');
  const ctx = f.ctx(f.demo);
  net = (await createNetwork(ctx, { network: { name: 'vms' } })) as { id: string };
  subnetId = (await createSubnet(ctx, { subnet: { network_id: net.id, cidr: '10.50.0.0/24', ip_version: 4 } })).id as string;
});
afterAll(async () => {
  await f?.cleanup();
});

const allocate = (instanceId: string, requested: RequestedNetwork[], projectId = f.demo.projectId!) =>
  f.t.db.$transaction((tx) => allocatePortsForInstance(tx, { projectId, instanceId, requested }));

describe('ports for instances', () => {
  it('makes a port per network and binds a given port; on release deletes the made one and unbinds the given one', async () => {
    const instanceId = newId();
    const own = await createPort(f.ctx(f.demo), { port: { network_id: net.id, name: 'mine' } });
    const ports = await allocate(instanceId, [{ networkId: net.id, fixedIp: '10.50.0.77' }, { portId: own.id as string }]);
    expect(ports.map((p) => [p.deviceId, p.deviceOwner])).toEqual([
      [instanceId, 'compute:nova'],
      [instanceId, 'compute:nova'],
    ]);
    expect(ports[0]!.fixedIps).toEqual([{ subnetId, ip: '10.50.0.77' }]);
    expect(ports[0]!.securityGroups).toHaveLength(1);

    await f.t.db.$transaction((tx) => releasePortsForInstance(tx, instanceId));
    expect(await f.t.db.port.findUnique({ where: { id: ports[0]!.id } })).toBeNull();
    expect(await f.t.db.ipAllocation.count({ where: { subnetId, ip: '10.50.0.77' } })).toBe(0);
    expect(await f.t.db.port.findUniqueOrThrow({ where: { id: own.id as string } })).toMatchObject({ deviceId: '', deviceOwner: '' });
  });

  it("refuses a bound port (409), another project's network or port (404), and rolls back the whole request", async () => {
    const first = newId();
    const [bound] = await allocate(first, [{ networkId: net.id }]);
    const before = await f.t.db.port.count();
    const fault = async (requested: RequestedNetwork[], projectId?: string) => {
      try {
        await allocate(newId(), requested, projectId);
      } catch (err) {
        if (isNimbusError(err)) return [err.status, neutronTypeOf(err)];
        throw err;
      }
      throw new Error('expected a failure');
    };
    expect(await fault([{ networkId: net.id }, { portId: bound!.id }])).toEqual([409, 'PortInUse']);
    expect(await fault([{ networkId: net.id }], f.carol.projectId!)).toEqual([404, 'NetworkNotFound']);
    expect(await fault([{ portId: bound!.id }], f.carol.projectId!)).toEqual([404, 'PortNotFound']);
    expect(await f.t.db.port.count()).toBe(before);
    await f.t.db.$transaction((tx) => releasePortsForInstance(tx, first));
  });
});

describe('desired network state', () => {
  it("gives a node its instances' ports, and the service node the DHCP, router and floating IP state, in the agent's contract", async () => {
    const admin = f.ctx(f.admin);
    const demo = f.ctx(f.demo);
    await f.t.db.computeNode.createMany({
      data: [
        { id: newId(), name: 'net-1', hypervisorType: 'fake', roles: ['compute', 'network'], vcpus: 2, memoryMb: 2048, localGb: 10, hostIp: '192.0.2.11' },
        { id: newId(), name: 'cmp-2', hypervisorType: 'fake', roles: ['compute'], vcpus: 2, memoryMb: 2048, localGb: 10, hostIp: '192.0.2.12' },
      ],
    });
    const ext = await createNetwork(admin, { network: { name: 'public', 'router:external': true } });
    await createSubnet(admin, { subnet: { network_id: ext.id, cidr: '203.0.113.0/28', ip_version: 4, enable_dhcp: false } });
    const sg = await createSecurityGroup(demo, { security_group: { name: 'pingable' } });
    await createSecurityGroupRule(demo, { security_group_rule: { security_group_id: sg.id, direction: 'ingress', protocol: 'icmp', remote_group_id: sg.id } });
    const instanceId = newId();
    const [vmPort] = await f.t.db.$transaction((tx) => allocatePortsForInstance(tx, { projectId: f.demo.projectId!, instanceId, requested: [{ networkId: net.id }], securityGroupIds: [sg.id as string] }));
    expect(await f.t.db.$transaction((tx) => bindPortsForInstance(tx, instanceId, 'cmp-2'))).toBe(1);
    expect(await f.t.db.$transaction((tx) => bindPortsForInstance(tx, instanceId, 'cmp-2'))).toBe(0);
    const router = await createRouter(demo, { router: { name: 'r' } });
    await updateRouter(demo, router.id as string, { router: { external_gateway_info: { network_id: ext.id } } });
    await addRouterInterface(demo, router.id as string, { subnet_id: subnetId });
    const fip = await createFloatingIp(demo, { floatingip: { floating_network_id: ext.id, port_id: vmPort!.id } });

    const compute = await desiredNetworkState(f.t.db, 'cmp-2');
    expect(compute.generation).toBeGreaterThan(0);
    expect(compute.ports.map((p) => p.id)).toEqual([vmPort!.id]);
    expect(compute.ports[0]).toMatchObject({ networkId: net.id, mac: vmPort!.macAddress, deviceOwner: 'compute:nova', deviceId: instanceId, portSecurity: true, securityGroupIds: [sg.id] });
    expect(compute.routers).toEqual([]);
    expect(compute.networks).toHaveLength(1);
    expect(compute.networks[0]).toMatchObject({ id: net.id, mtu: 1450, external: false, subnets: [{ id: subnetId, cidr: '10.50.0.0/24', gatewayIp: '10.50.0.1', dhcp: true }] });
    expect(compute.networks[0]!.vni).toBeGreaterThanOrEqual(1000);
    const ip = vmPort!.fixedIps[0]!.ip;
    expect(compute.securityGroups).toEqual([
      {
        id: sg.id,
        rules: expect.arrayContaining([{ direction: 'ingress', ethertype: 'IPv4', protocol: 'icmp', remoteIpPrefixes: [`${ip}/32`], remoteGroupId: sg.id }, { direction: 'egress', ethertype: 'IPv4', remoteIpPrefixes: [] }]),
      },
    ]);
    expect(compute.peers).toEqual([{ node: 'net-1', underlayIp: '192.0.2.11' }]);

    const service = await desiredNetworkState(f.t.db, 'net-1');
    expect(service.ports.map((p) => p.deviceOwner).sort()).toEqual(['network:dhcp', 'network:router_gateway', 'network:router_interface']);
    const r = service.routers.find((x) => x.id === router.id)!;
    expect(r.gatewayPort).toMatchObject({ networkId: ext.id, ip: '203.0.113.2', cidr: '203.0.113.0/28', gatewayIp: '203.0.113.1' });
    expect(r.interfaces).toEqual([expect.objectContaining({ networkId: net.id, ip: '10.50.0.1', cidr: '10.50.0.0/24' })]);
    expect(r.floatingIps).toEqual([{ floatingIp: fip.floating_ip_address, fixedIp: ip, portId: vmPort!.id }]);
    expect(service.networks.map((n) => [n.id, n.vni])).toEqual(expect.arrayContaining([[ext.id, null]]));

    await f.t.db.$transaction((tx) => bindPortsForInstance(tx, instanceId, null));
    expect((await desiredNetworkState(f.t.db, 'cmp-2')).ports).toEqual([]);
  });
});
