import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRestHarness, type RestHarness } from '../test-harness';

/* eslint-disable @typescript-eslint/no-explicit-any */
let h: RestHarness;
let admin: string;
let demo: string;
let ext: any;
let extSubnet: any;
const V = '/network/v2.0';

const post = (token: string, path: string, body: unknown) => h.call('POST', `${V}/${path}`, { token, body });
const put = (token: string, path: string, body: unknown) => h.call('PUT', `${V}/${path}`, { token, body });
async function ok(p: Promise<{ status: number; body: any }>, status = 201): Promise<any> {
  const res = await p;
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body;
}

beforeAll(async () => {
  h = await startRestHarness();
  admin = await h.login('admin', 'admin');
  demo = await h.login('demo', 'demo');
  ext = (await ok(post(admin, 'networks', { network: { name: 'public', 'router:external': true } }))).network;
  extSubnet = (await ok(post(admin, 'subnets', { subnet: { network_id: ext.id, cidr: '203.0.113.0/28', ip_version: 4, enable_dhcp: false } }))).subnet;
});

afterAll(async () => {
  await h?.rt.jobs.close();
  await h?.close();
});

async function tenantNet(cidr: string) {
  const net = (await ok(post(demo, 'networks', { network: { name: `t-${cidr}` } }))).network;
  const subnet = (await ok(post(demo, 'subnets', { subnet: { network_id: net.id, cidr, ip_version: 4 } }))).subnet;
  return { net, subnet };
}

describe('routers', () => {
  it('sets a gateway on the external network, adds and removes interfaces by subnet and by port', async () => {
    const { net, subnet } = await tenantNet('10.30.0.0/24');
    const router = (await ok(post(demo, 'routers', { router: { name: 'r1' } }))).router;
    expect(router).toMatchObject({ name: 'r1', status: 'ACTIVE', admin_state_up: true, external_gateway_info: null, routes: [], revision_number: 1 });
    const withGw = (await ok(put(demo, `routers/${router.id}`, { router: { external_gateway_info: { network_id: ext.id } } }), 200)).router;
    expect(withGw.external_gateway_info).toEqual({ network_id: ext.id, enable_snat: true, external_fixed_ips: [{ subnet_id: extSubnet.id, ip_address: '203.0.113.2' }] });
    const added = await ok(put(demo, `routers/${router.id}/add_router_interface`, { subnet_id: subnet.id }), 200);
    expect(added).toMatchObject({ id: router.id, subnet_id: subnet.id, subnet_ids: [subnet.id], network_id: net.id });
    const iface = (await ok(h.call('GET', `${V}/ports/${added.port_id}`, { token: demo }), 200)).port;
    expect(iface).toMatchObject({ device_owner: 'network:router_interface', device_id: router.id, fixed_ips: [{ subnet_id: subnet.id, ip_address: '10.30.0.1' }] });
    const twice = await put(demo, `routers/${router.id}/add_router_interface`, { subnet_id: subnet.id });
    expect(twice.status).toBe(400);
    const direct = await h.call('DELETE', `${V}/ports/${added.port_id}`, { token: demo });
    expect(direct.status).toBe(409);
    expect(direct.body.NeutronError.type).toBe('L3PortInUse');

    const second = await tenantNet('10.31.0.0/24');
    const port = (await ok(post(demo, 'ports', { port: { network_id: second.net.id } }))).port;
    const byPort = await ok(put(demo, `routers/${router.id}/add_router_interface`, { port_id: port.id }), 200);
    expect(byPort.port_id).toBe(port.id);
    const routes = await ok(put(demo, `routers/${router.id}`, { router: { routes: [{ destination: '172.16.0.0/16', nexthop: '10.31.0.9' }] } }), 200);
    expect(routes.router.routes).toEqual([{ destination: '172.16.0.0/16', nexthop: '10.31.0.9' }]);
    const offLink = await put(demo, `routers/${router.id}`, { router: { routes: [{ destination: '172.16.0.0/16', nexthop: '192.0.2.1' }] } });
    expect(offLink.status).toBe(400);
    const more = await ok(put(demo, `routers/${router.id}/add_extraroutes`, { router: { routes: [{ destination: '172.17.0.0/16', nexthop: '10.31.0.9' }, { destination: '172.16.0.0/16', nexthop: '10.31.0.9' }] } }), 200);
    expect(more.router.routes).toEqual([{ destination: '172.16.0.0/16', nexthop: '10.31.0.9' }, { destination: '172.17.0.0/16', nexthop: '10.31.0.9' }]);
    const fewer = await ok(put(demo, `routers/${router.id}/remove_extraroutes`, { router: { routes: [{ destination: '172.16.0.0/16', nexthop: '10.31.0.9' }] } }), 200);
    expect(fewer.router.routes).toEqual([{ destination: '172.17.0.0/16', nexthop: '10.31.0.9' }]);
    expect((await put(demo, `routers/${router.id}/add_extraroutes`, { router: { routes: [{ destination: '172.18.0.0/16', nexthop: '192.0.2.1' }] } })).status).toBe(400);

    const cleared = (await ok(put(demo, `routers/${router.id}`, { router: { external_gateway_info: {} } }), 200)).router;
    expect(cleared.external_gateway_info).toBeNull();
    expect(await h.database.db.port.count({ where: { deviceId: router.id, deviceOwner: 'network:router_gateway' } })).toBe(0);

    const inUse = await h.call('DELETE', `${V}/routers/${router.id}`, { token: demo });
    expect(inUse.status).toBe(409);
    expect(inUse.body.NeutronError.type).toBe('RouterInUse');
    await ok(put(demo, `routers/${router.id}/remove_router_interface`, { subnet_id: subnet.id }), 200);
    await ok(put(demo, `routers/${router.id}/remove_router_interface`, { port_id: port.id }), 200);
    const missing = await put(demo, `routers/${router.id}/remove_router_interface`, { subnet_id: subnet.id });
    expect(missing.status).toBe(404);
    await ok(h.call('DELETE', `${V}/routers/${router.id}`, { token: demo }), 204);
    expect(await h.database.db.port.count({ where: { deviceId: router.id } })).toBe(0);
  });

  it('refuses a gateway on a network that is not external, and SNAT off for members', async () => {
    const { net } = await tenantNet('10.32.0.0/24');
    const before = await h.database.db.router.count();
    const bad = await post(demo, 'routers', { router: { name: 'r', external_gateway_info: { network_id: net.id } } });
    expect(bad.status).toBe(400);
    expect(bad.body.NeutronError.message).toContain('is not an external network');
    const snat = await post(demo, 'routers', { router: { name: 'r', external_gateway_info: { network_id: ext.id, enable_snat: false } } });
    expect(snat.status).toBe(403);
    expect(await h.database.db.router.count()).toBe(before);
  });
});

describe('floating IPs', () => {
  it('allocates from the external subnet, associates through a router, disassociates and releases', async () => {
    const { subnet } = await tenantNet('10.40.0.0/24');
    const port = (await ok(post(demo, 'ports', { port: { network_id: subnet.network_id } }))).port;
    const fip = (await ok(post(demo, 'floatingips', { floatingip: { floating_network_id: ext.id } }))).floatingip;
    expect(fip).toMatchObject({ floating_network_id: ext.id, port_id: null, fixed_ip_address: null, router_id: null, status: 'DOWN' });
    expect(fip.floating_ip_address).toMatch(/^203\.0\.113\.\d+$/);

    const unreachable = await put(demo, `floatingips/${fip.id}`, { floatingip: { port_id: port.id } });
    expect(unreachable.status).toBe(404);
    expect(unreachable.body.NeutronError.type).toBe('ExternalGatewayForFloatingIPNotFound');

    const router = (await ok(post(demo, 'routers', { router: { name: 'fip-r', external_gateway_info: { network_id: ext.id } } }))).router;
    await ok(put(demo, `routers/${router.id}/add_router_interface`, { subnet_id: subnet.id }), 200);
    const associated = (await ok(put(demo, `floatingips/${fip.id}`, { floatingip: { port_id: port.id } }), 200)).floatingip;
    expect(associated).toMatchObject({ port_id: port.id, fixed_ip_address: port.fixed_ips[0].ip_address, router_id: router.id, status: 'ACTIVE' });
    const byPort = await h.call('GET', `${V}/floatingips?port_id=${port.id}`, { token: demo });
    expect(byPort.body.floatingips.map((f: any) => f.id)).toEqual([fip.id]);

    const second = (await ok(post(demo, 'floatingips', { floatingip: { floating_network_id: ext.id } }))).floatingip;
    const dup = await put(demo, `floatingips/${second.id}`, { floatingip: { port_id: port.id } });
    expect(dup.status).toBe(409);
    const ifaceInUse = await put(demo, `routers/${router.id}/remove_router_interface`, { subnet_id: subnet.id });
    expect(ifaceInUse.status).toBe(409);

    expect((await ok(put(demo, `floatingips/${fip.id}`, { floatingip: { port_id: null } }), 200)).floatingip).toMatchObject({ port_id: null, router_id: null, status: 'DOWN' });
    await ok(h.call('DELETE', `${V}/floatingips/${fip.id}`, { token: demo }), 204);
    await ok(h.call('DELETE', `${V}/floatingips/${second.id}`, { token: demo }), 204);
    expect(await h.database.db.port.count({ where: { deviceOwner: 'network:floatingip' } })).toBe(0);
  });

  it('refuses a network that is not external (400) and counts against the floatingip quota (409)', async () => {
    const { net } = await tenantNet('10.41.0.0/24');
    const bad = await post(demo, 'floatingips', { floatingip: { floating_network_id: net.id } });
    expect(bad.status).toBe(400);
    const demoProject = h.seeded.projects.demo!;
    await ok(put(admin, `quotas/${demoProject}`, { quota: { floatingip: 0 } }), 200);
    const over = await post(demo, 'floatingips', { floatingip: { floating_network_id: ext.id } });
    expect(over.status).toBe(409);
    expect(over.body.NeutronError).toMatchObject({ type: 'OverQuota', message: "Quota exceeded for resources: ['floatingip']." });
    await ok(h.call('DELETE', `${V}/quotas/${demoProject}`, { token: admin }), 204);
  });

  it('answers an exhausted external network with 409 and leaves nothing behind', async () => {
    const small = (await ok(post(admin, 'networks', { network: { name: 'tiny-ext', 'router:external': true } }))).network;
    await ok(post(admin, 'subnets', { subnet: { network_id: small.id, cidr: '198.51.100.0/30', ip_version: 4, enable_dhcp: false } }));
    await ok(post(demo, 'floatingips', { floatingip: { floating_network_id: small.id } }));
    const none = await post(demo, 'floatingips', { floatingip: { floating_network_id: small.id } });
    expect(none.status).toBe(409);
    expect(await h.database.db.floatingIp.count({ where: { floatingNetworkId: small.id } })).toBe(1);
  });
});

describe('security groups', () => {
  it('creates groups with egress rules, rules by protocol and remote group, refuses duplicates and bad rules', async () => {
    const sg = (await ok(post(demo, 'security-groups', { security_group: { name: 'web', description: 'web tier' } }))).security_group;
    expect(sg).toMatchObject({ name: 'web', description: 'web tier', stateful: true });
    expect(sg.security_group_rules.map((r: any) => [r.direction, r.ethertype]).sort()).toEqual([['egress', 'IPv4'], ['egress', 'IPv6']]);
    const rule = (await ok(post(demo, 'security-group-rules', { security_group_rule: { security_group_id: sg.id, direction: 'ingress', protocol: 'icmp', remote_group_id: sg.id } }))).security_group_rule;
    expect(rule).toMatchObject({ security_group_id: sg.id, direction: 'ingress', ethertype: 'IPv4', protocol: 'icmp', remote_group_id: sg.id, remote_ip_prefix: null, port_range_min: null });
    const dup = await post(demo, 'security-group-rules', { security_group_rule: { security_group_id: sg.id, direction: 'ingress', protocol: '1', remote_group_id: sg.id } });
    expect(dup.status).toBe(409);
    expect(dup.body.NeutronError.type).toBe('SecurityGroupRuleExists');
    const before = await h.database.db.securityGroupRule.count();
    const bads: Array<[Record<string, unknown>, string]> = [
      [{ direction: 'sideways' }, 'direction'],
      [{ direction: 'ingress', protocol: 'tcp', port_range_min: 100, port_range_max: 10 }, 'port_range_min'],
      [{ direction: 'ingress', remote_ip_prefix: 'fd00::/8' }, 'ethertype'],
      [{ direction: 'ingress', protocol: 'carrier-pigeon' }, 'protocol'],
    ];
    for (const [attrs, field] of bads) {
      const res = await post(demo, 'security-group-rules', { security_group_rule: { security_group_id: sg.id, ...attrs } });
      expect(res.status, field).toBe(400);
      expect(res.body.NeutronError.message).toContain(field);
    }
    expect(await h.database.db.securityGroupRule.count()).toBe(before);
    await ok(h.call('DELETE', `${V}/security-group-rules/${rule.id}`, { token: demo }), 204);
    await ok(h.call('DELETE', `${V}/security-groups/${sg.id}`, { token: demo }), 204);
  });

  it("keeps the default group: members cannot delete it, nor see another project's groups", async () => {
    const list = (await ok(h.call('GET', `${V}/security-groups`, { token: demo }), 200)).security_groups;
    const def = list.find((g: any) => g.name === 'default');
    const del = await h.call('DELETE', `${V}/security-groups/${def.id}`, { token: demo });
    expect(del.status).toBe(409);
    const adminGroups = (await ok(h.call('GET', `${V}/security-groups?name=default`, { token: admin }), 200)).security_groups;
    expect(adminGroups.length).toBeGreaterThanOrEqual(2);
    const adminDefault = adminGroups.find((g: any) => g.project_id === h.seeded.projects.admin);
    const hidden = await h.call('GET', `${V}/security-groups/${adminDefault.id}`, { token: demo });
    expect(hidden.status).toBe(404);
    expect(hidden.body.NeutronError.type).toBe('SecurityGroupNotFound');
  });
});

describe('quotas', () => {
  it('shows limits and usage, lets admins change and reset them, refuses members and bad values', async () => {
    const demoProject = h.seeded.projects.demo!;
    const shown = (await ok(h.call('GET', `${V}/quotas/${demoProject}`, { token: demo }), 200)).quota;
    expect(shown).toEqual({ network: 100, subnet: 100, port: 500, router: 10, floatingip: 50, security_group: 10, security_group_rule: 100 });
    const details = (await ok(h.call('GET', `${V}/quotas/${demoProject}/details.json`, { token: demo }), 200)).quota;
    expect(details.network.used).toBe(await h.database.db.network.count({ where: { projectId: demoProject } }));
    expect(details.network).toMatchObject({ limit: 100, reserved: 0 });
    expect((await put(demo, `quotas/${demoProject}`, { quota: { network: 5 } })).status).toBe(403);
    const bad = await put(admin, `quotas/${demoProject}`, { quota: { network: 'many' } });
    expect(bad.status).toBe(400);
    expect(bad.body.NeutronError.message).toContain('network');
    expect((await ok(put(admin, `quotas/${demoProject}`, { quota: { router: 20 } }), 200)).quota.router).toBe(20);
    expect((await ok(h.call('GET', `${V}/quotas`, { token: admin }), 200)).quotas).toEqual([expect.objectContaining({ project_id: demoProject, router: 20, network: 100 })]);
    expect((await h.call('GET', `${V}/quotas`, { token: demo })).status).toBe(403);
    await ok(h.call('DELETE', `${V}/quotas/${demoProject}`, { token: admin }), 204);
    expect((await ok(h.call('GET', `${V}/quotas/${demoProject}`, { token: demo }), 200)).quota.router).toBe(10);
  });
});
