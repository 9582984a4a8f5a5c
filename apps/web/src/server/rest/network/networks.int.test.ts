import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRestHarness, type RestHarness } from '../test-harness';

let h: RestHarness;
let admin: string;
let demo: string;
let demoProject: string;
const V = '/network/v2.0';

beforeAll(async () => {
  h = await startRestHarness();
  demoProject = h.seeded.projects.demo!;
  admin = await h.login('admin', 'admin');
  demo = await h.login('demo', 'demo');
});

afterAll(async () => {
  await h?.rt.jobs.close();
  await h?.close();
});

const post = (token: string, path: string, body: unknown) => h.call('POST', `${V}/${path}`, { token, body });
async function network(token: string, attrs: Record<string, unknown> = {}) {
  const res = await post(token, 'networks', { network: { name: 'n', ...attrs } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.network as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}
async function subnet(token: string, networkId: string, cidr: string, attrs: Record<string, unknown> = {}) {
  const res = await post(token, 'subnets', { subnet: { network_id: networkId, cidr, ip_version: 4, ...attrs } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.subnet as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

describe('versions', () => {
  it('lists v2.0 without a token', async () => {
    const res = await h.call('GET', '/network');
    expect(res.body.versions[0]).toMatchObject({ id: 'v2.0', status: 'CURRENT' });
  });
});

describe('networks', () => {
  it('creates a VXLAN tenant network with a VNI from the range, shaped like Neutron', async () => {
    const n = await network(demo, { name: 'web' });
    expect(n).toMatchObject({
      name: 'web', status: 'ACTIVE', admin_state_up: true, shared: false, 'router:external': false, mtu: 1450,
      subnets: [], tags: [], description: '', revision_number: 1, project_id: demoProject, tenant_id: demoProject,
    });
    expect(n.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(n['provider:network_type']).toBeUndefined();
    const asAdmin = await h.call('GET', `${V}/networks/${n.id}`, { token: admin });
    expect(asAdmin.body.network['provider:network_type']).toBe('vxlan');
    expect(asAdmin.body.network['provider:segmentation_id']).toBeGreaterThanOrEqual(1000);
    const second = await h.call('GET', `${V}/networks/${(await network(admin)).id}`, { token: admin });
    expect(second.body.network['provider:segmentation_id']).not.toBe(asAdmin.body.network['provider:segmentation_id']);
  });

  it('keeps shared, external and provider attributes for admins (403 for members, nothing created)', async () => {
    const before = await h.database.db.network.count();
    for (const attrs of [{ shared: true }, { 'router:external': true }, { 'provider:network_type': 'flat', 'provider:physical_network': 'physnet1' }]) {
      const res = await post(demo, 'networks', { network: { name: 'x', ...attrs } });
      expect(res.status).toBe(403);
      expect(res.body.NeutronError.type).toBe('HTTPForbidden');
    }
    expect(await h.database.db.network.count()).toBe(before);
    const vlan = await network(admin, { 'provider:network_type': 'vlan', 'provider:physical_network': 'physnet1', 'provider:segmentation_id': 101 });
    expect(vlan).toMatchObject({ 'provider:network_type': 'vlan', 'provider:physical_network': 'physnet1', 'provider:segmentation_id': 101, mtu: 1500 });
    const again = await post(admin, 'networks', { network: { 'provider:network_type': 'vlan', 'provider:physical_network': 'physnet1', 'provider:segmentation_id': 101 } });
    expect(again.status).toBe(409);
  });

  it('answers bad input with 400 naming the attribute, and changes nothing', async () => {
    const before = await h.database.db.network.count();
    const cases: Array<[unknown, string]> = [
      [{ network: { name: 5 } }, 'name'],
      [{ network: { admin_state_up: 'yes' } }, 'admin_state_up'],
      [{ network: { mtu: 20 } }, 'mtu'],
      [{ network: { mtu: 9000 } }, 'mtu'],
      [{ network: { colour: 'red' } }, 'colour'],
      [{ nets: {} }, 'network'],
    ];
    for (const [body, field] of cases) {
      const res = await h.call('POST', `${V}/networks`, { token: demo, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.NeutronError.message).toContain(field);
    }
    expect(await h.database.db.network.count()).toBe(before);
  });

  it("hides another project's network (404 NetworkNotFound) but shows shared and external ones", async () => {
    const priv = await network(admin, { name: 'admin-private' });
    const shared = await network(admin, { name: 'admin-shared', shared: true });
    const ext = await network(admin, { name: 'admin-ext', 'router:external': true });
    const res = await h.call('GET', `${V}/networks/${priv.id}`, { token: demo });
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ NeutronError: { type: 'NetworkNotFound', message: `Network ${priv.id} could not be found.`, detail: '' } });
    expect((await h.call('DELETE', `${V}/networks/${priv.id}`, { token: demo })).status).toBe(404);
    const list = await h.call('GET', `${V}/networks`, { token: demo });
    const ids = list.body.networks.map((n: { id: string }) => n.id);
    expect(ids).toContain(shared.id);
    expect(ids).toContain(ext.id);
    expect(ids).not.toContain(priv.id);
  });

  it('filters, selects fields, sorts and pages with links', async () => {
    const names = ['page-a', 'page-b', 'page-c'];
    for (const name of names) await network(demo, { name });
    const filtered = await h.call('GET', `${V}/networks?name=page-a&name=page-c&fields=name&fields=id&sort_key=name&sort_dir=desc`, { token: demo });
    expect(filtered.body.networks.map((n: { name: string }) => n.name)).toEqual(['page-c', 'page-a']);
    expect(Object.keys(filtered.body.networks[0]).sort()).toEqual(['id', 'name']);
    const page = await h.call('GET', `${V}/networks?name=page-a&name=page-b&name=page-c&sort_key=name&sort_dir=asc&limit=2`, { token: demo });
    expect(page.body.networks.map((n: { name: string }) => n.name)).toEqual(['page-a', 'page-b']);
    const next = page.body.networks_links.find((l: { rel: string }) => l.rel === 'next').href as string;
    const rest = await h.call('GET', next.slice(h.url.length), { token: demo });
    expect(rest.body.networks.map((n: { name: string }) => n.name)).toEqual(['page-c']);
    expect(rest.body.networks_links.map((l: { rel: string }) => l.rel)).toEqual(['previous']);
    const bad = await h.call('GET', `${V}/networks?colour=red`, { token: demo });
    expect(bad.status).toBe(400);
  });

  it('updates and bumps revision_number; refuses to unshare a network other projects use', async () => {
    const n = await network(demo, { name: 'old' });
    const res = await h.call('PUT', `${V}/networks/${n.id}`, { token: demo, body: { network: { name: 'new' } } });
    expect(res.body.network).toMatchObject({ name: 'new', revision_number: 2 });
    const shared = await network(admin, { shared: true });
    await subnet(admin, shared.id, '10.77.0.0/24');
    expect((await post(demo, 'ports', { port: { network_id: shared.id } })).status).toBe(201);
    const unshare = await h.call('PUT', `${V}/networks/${shared.id}`, { token: admin, body: { network: { shared: false } } });
    expect(unshare.status).toBe(409);
    expect(unshare.body.NeutronError.type).toBe('InvalidSharedSetting');
  });
});

describe('subnets', () => {
  it('defaults the gateway, pools and DHCP like Neutron and gives the DHCP port the first pool address', async () => {
    const n = await network(demo);
    const s = await subnet(demo, n.id, '10.0.0.0/24', { dns_nameservers: ['8.8.8.8'], host_routes: [{ destination: '192.168.0.0/16', nexthop: '10.0.0.254' }] });
    expect(s).toMatchObject({
      network_id: n.id, ip_version: 4, cidr: '10.0.0.0/24', gateway_ip: '10.0.0.1', enable_dhcp: true,
      allocation_pools: [{ start: '10.0.0.2', end: '10.0.0.254' }], dns_nameservers: ['8.8.8.8'],
      host_routes: [{ destination: '192.168.0.0/16', nexthop: '10.0.0.254' }], ipv6_ra_mode: null, project_id: demoProject,
    });
    const dhcp = await h.call('GET', `${V}/ports?network_id=${n.id}&device_owner=network:dhcp`, { token: demo });
    expect(dhcp.body.ports).toHaveLength(1);
    expect(dhcp.body.ports[0].fixed_ips).toEqual([{ subnet_id: s.id, ip_address: '10.0.0.2' }]);
    expect((await h.call('GET', `${V}/networks/${n.id}`, { token: demo })).body.network.subnets).toEqual([s.id]);
  });

  it('takes IPv6 subnets beside IPv4 ones, without a DHCP address', async () => {
    const n = await network(demo);
    const v6 = (await post(demo, 'subnets', { subnet: { network_id: n.id, cidr: 'fd00:1::/64', ip_version: 6 } })).body.subnet;
    expect(v6).toMatchObject({ ip_version: 6, cidr: 'fd00:1::/64', gateway_ip: 'fd00:1::1', allocation_pools: [{ start: 'fd00:1::2', end: 'fd00:1::ffff:ffff:ffff:ffff' }] });
    const port = (await post(demo, 'ports', { port: { network_id: n.id } })).body.port;
    expect(port.fixed_ips).toEqual([{ subnet_id: v6.id, ip_address: 'fd00:1::2' }]);
  });

  it('refuses overlapping subnets on one network (400) but allows them on other networks and projects', async () => {
    const n = await network(demo);
    await subnet(demo, n.id, '10.1.0.0/24');
    const before = await h.database.db.subnet.count();
    const clash = await post(demo, 'subnets', { subnet: { network_id: n.id, cidr: '10.1.0.128/25', ip_version: 4 } });
    expect(clash.status).toBe(400);
    expect(clash.body.NeutronError.message).toContain('overlaps with another subnet');
    expect(await h.database.db.subnet.count()).toBe(before);
    await subnet(demo, (await network(demo)).id, '10.1.0.0/24');
    await subnet(admin, (await network(admin)).id, '10.1.0.0/24');
  });

  it('names the attribute of bad subnets', async () => {
    const n = await network(demo);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ cidr: '10.2.0.1/24' }, 'cidr'],
      [{ cidr: 'nope' }, 'cidr'],
      [{ cidr: '10.2.0.0/24', ip_version: 6 }, 'ip_version'],
      [{ cidr: '10.2.0.0/24', gateway_ip: '10.3.0.1' }, 'gateway_ip'],
      [{ cidr: '10.2.0.0/24', allocation_pools: [{ start: '10.2.0.10', end: '10.2.1.5' }] }, 'allocation_pools'],
      [{ cidr: '10.2.0.0/24', dns_nameservers: ['x'] }, 'dns_nameservers.0'],
      [{ cidr: '10.2.0.0/24', host_routes: [{ destination: '1.2.3.4', nexthop: '10.2.0.9' }] }, 'host_routes.0.destination'],
    ];
    for (const [attrs, field] of cases) {
      const res = await post(demo, 'subnets', { subnet: { network_id: n.id, ip_version: 4, ...attrs } });
      expect(res.status, field).toBe(400);
      expect(res.body.NeutronError.message).toContain(`Invalid input for ${field}`);
    }
    expect(await h.database.db.subnet.count({ where: { networkId: n.id } })).toBe(0);
  });

  it('refuses to delete a subnet with allocations (409 SubnetInUse) and a network with ports (409 NetworkInUse)', async () => {
    const n = await network(demo);
    const s = await subnet(demo, n.id, '10.3.0.0/24');
    const port = (await post(demo, 'ports', { port: { network_id: n.id } })).body.port;
    const subnetDelete = await h.call('DELETE', `${V}/subnets/${s.id}`, { token: demo });
    expect(subnetDelete.status).toBe(409);
    expect(subnetDelete.body.NeutronError.type).toBe('SubnetInUse');
    const netDelete = await h.call('DELETE', `${V}/networks/${n.id}`, { token: demo });
    expect(netDelete.status).toBe(409);
    expect(netDelete.body.NeutronError).toEqual({
      type: 'NetworkInUse',
      message: `Unable to complete operation on network ${n.id}. There are one or more ports still in use on the network.`,
      detail: '',
    });
    expect((await h.call('DELETE', `${V}/ports/${port.id}`, { token: demo })).status).toBe(204);
    expect((await h.call('DELETE', `${V}/networks/${n.id}`, { token: demo })).status).toBe(204);
    expect(await h.database.db.port.count({ where: { networkId: n.id } })).toBe(0);
    expect(await h.database.db.ipAllocation.count({ where: { subnetId: s.id } })).toBe(0);
  });
});

describe('ports', () => {
  it('creates a port with a Neutron MAC, the next address, the default security group and DOWN status', async () => {
    const n = await network(demo);
    const s = await subnet(demo, n.id, '10.4.0.0/24');
    const res = await post(demo, 'ports', { port: { network_id: n.id, name: 'p1', device_id: 'vm-1', device_owner: 'compute:nova' } });
    expect(res.status).toBe(201);
    const p = res.body.port;
    expect(p).toMatchObject({ name: 'p1', status: 'DOWN', device_id: 'vm-1', device_owner: 'compute:nova', port_security_enabled: true, fixed_ips: [{ subnet_id: s.id, ip_address: '10.4.0.3' }] });
    expect(p.mac_address).toMatch(/^fa:16:3e(:[0-9a-f]{2}){3}$/);
    expect(p['binding:host_id']).toBeUndefined();
    const groups = await h.call('GET', `${V}/security-groups?name=default`, { token: demo });
    expect(p.security_groups).toEqual([groups.body.security_groups[0].id]);
    const byIp = await h.call('GET', `${V}/ports?fixed_ips=ip_address%3D10.4.0.3`, { token: demo });
    expect(byIp.body.ports.map((x: { id: string }) => x.id)).toEqual([p.id]);
  });

  it('takes a named address once (409 IpAddressAlreadyAllocated) and refuses addresses off the subnet', async () => {
    const n = await network(demo);
    const s = await subnet(demo, n.id, '10.5.0.0/24');
    expect((await post(demo, 'ports', { port: { network_id: n.id, fixed_ips: [{ ip_address: '10.5.0.50' }] } })).body.port.fixed_ips).toEqual([{ subnet_id: s.id, ip_address: '10.5.0.50' }]);
    const again = await post(demo, 'ports', { port: { network_id: n.id, fixed_ips: [{ subnet_id: s.id, ip_address: '10.5.0.50' }] } });
    expect(again.status).toBe(409);
    expect(again.body.NeutronError.type).toBe('IpAddressAlreadyAllocated');
    const off = await post(demo, 'ports', { port: { network_id: n.id, fixed_ips: [{ ip_address: '10.6.0.5' }] } });
    expect(off.status).toBe(400);
    expect(await h.database.db.port.count({ where: { networkId: n.id, deviceOwner: '' } })).toBe(1);
  });

  it('changes fixed IPs on update: named addresses stay, others are freed, new ones allocated', async () => {
    const n = await network(demo);
    const s = await subnet(demo, n.id, '10.7.0.0/24', { enable_dhcp: false });
    const p = (await post(demo, 'ports', { port: { network_id: n.id } })).body.port;
    expect(p.fixed_ips).toEqual([{ subnet_id: s.id, ip_address: '10.7.0.2' }]);
    const two = await h.call('PUT', `${V}/ports/${p.id}`, { token: demo, body: { port: { fixed_ips: [{ ip_address: '10.7.0.2' }, { subnet_id: s.id }] } } });
    expect(two.body.port.fixed_ips).toEqual([{ subnet_id: s.id, ip_address: '10.7.0.2' }, { subnet_id: s.id, ip_address: '10.7.0.3' }]);
    const moved = await h.call('PUT', `${V}/ports/${p.id}`, { token: demo, body: { port: { fixed_ips: [{ ip_address: '10.7.0.60' }] } } });
    expect(moved.body.port.fixed_ips).toEqual([{ subnet_id: s.id, ip_address: '10.7.0.60' }]);
    expect((await h.database.db.ipAllocation.findMany({ where: { subnetId: s.id } })).map((a) => a.ip)).toEqual(['10.7.0.60']);
    const bad = await h.call('PUT', `${V}/ports/${p.id}`, { token: demo, body: { port: { fixed_ips: [{ ip_address: '10.8.0.1' }] } } });
    expect(bad.status).toBe(400);
    expect((await h.call('GET', `${V}/ports/${p.id}?fields=fixed_ips`, { token: demo })).body.port).toEqual({ fixed_ips: [{ subnet_id: s.id, ip_address: '10.7.0.60' }] });
  });

  it("keeps ports to their project: another project's port is 404, binding:host_id is admin's", async () => {
    const n = await network(admin);
    await subnet(admin, n.id, '10.8.0.0/24');
    const p = (await post(admin, 'ports', { port: { network_id: n.id, 'binding:host_id': 'node-1' } })).body.port;
    expect(p['binding:host_id']).toBe('node-1');
    const res = await h.call('GET', `${V}/ports/${p.id}`, { token: demo });
    expect(res.status).toBe(404);
    expect(res.body.NeutronError.type).toBe('PortNotFound');
    const onPrivate = await post(demo, 'ports', { port: { network_id: n.id } });
    expect(onPrivate.status).toBe(404);
    const demoNet = await network(demo);
    const hostId = await post(demo, 'ports', { port: { network_id: demoNet.id, 'binding:host_id': 'node-1' } });
    expect(hostId.status).toBe(403);
  });
});
