import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { openrcEnv, openstack, openstackJson } from './openstack-cli';

// Acceptance 5 of the networking issue, the API part: the openstack client builds a tenant
// network, a router to an external network, security groups and floating IPs.
const admin = openrcEnv('admin', 'admin', process.env.NIMBUS_ADMIN_PASSWORD ?? 'admin');
const demo = openrcEnv('demo', 'demo', process.env.NIMBUS_DEMO_PASSWORD ?? 'demo');
const s = randomBytes(4).toString('hex');
const name = (what: string) => `conf-${what}-${s}`;

type Row = Record<string, unknown>;

/** What the test made, removed in reverse order whatever happened. */
const cleanup: Array<[Record<string, string>, string[]]> = [];
afterAll(async () => {
  for (const [env, args] of cleanup.reverse()) await openstack(env, ...args);
});

async function ok(env: Record<string, string>, ...args: string[]) {
  const res = await openstack(env, ...args);
  expect(res.code, `openstack ${args.join(' ')}: ${res.stderr}`).toBe(0);
  return res;
}

describe('openstack client against nimbus networking', () => {
  // An external network per run, in a documentation range so overlapping runs stay apart.
  const third = parseInt(s.slice(0, 2), 16) % 250;
  const extCidr = `198.18.${third}.0/24`;

  it('builds network, subnet, router with gateway and interface, security group with a remote-group rule, port and floating IP', async () => {
    const ext = await openstackJson<Row>(admin, 'network', 'create', '--external', name('ext'));
    cleanup.push([admin, ['network', 'delete', String(ext.id)]]);
    expect(ext).toMatchObject({ name: name('ext'), 'router:external': true });
    const extSubnet = await openstackJson<Row>(admin, 'subnet', 'create', '--network', String(ext.id), '--subnet-range', extCidr, '--no-dhcp', name('ext-sub'));
    cleanup.push([admin, ['subnet', 'delete', String(extSubnet.id)]]);

    const net = await openstackJson<Row>(demo, 'network', 'create', name('net'));
    cleanup.push([demo, ['network', 'delete', String(net.id)]]);
    expect(net).toMatchObject({ name: name('net'), status: 'ACTIVE', shared: false, mtu: 1450 });
    const subnet = await openstackJson<Row>(demo, 'subnet', 'create', '--network', name('net'), '--subnet-range', '10.0.0.0/24', name('sub'));
    cleanup.push([demo, ['subnet', 'delete', String(subnet.id)]]);
    expect(subnet).toMatchObject({ cidr: '10.0.0.0/24', gateway_ip: '10.0.0.1', enable_dhcp: true, ip_version: 4 });

    const router = await openstackJson<Row>(demo, 'router', 'create', name('router'));
    cleanup.push([demo, ['router', 'delete', String(router.id)]]);
    await ok(demo, 'router', 'add', 'subnet', name('router'), name('sub'));
    cleanup.push([demo, ['router', 'remove', 'subnet', String(router.id), String(subnet.id)]]);
    await ok(demo, 'router', 'set', '--external-gateway', String(ext.id), name('router'));
    const shownRouter = await openstackJson<Row>(demo, 'router', 'show', name('router'));
    expect(JSON.stringify(shownRouter.external_gateway_info)).toContain(String(ext.id));
    expect(JSON.stringify(shownRouter.interfaces_info ?? '')).toContain('10.0.0.1');
    await ok(demo, 'router', 'add', 'route', '--route', 'destination=172.20.0.0/16,gateway=10.0.0.5', name('router'));
    expect(JSON.stringify((await openstackJson<Row>(demo, 'router', 'show', name('router'))).routes)).toContain('172.20.0.0/16');
    await ok(demo, 'router', 'remove', 'route', '--route', 'destination=172.20.0.0/16,gateway=10.0.0.5', name('router'));

    const sg = await openstackJson<Row>(demo, 'security', 'group', 'create', name('sg'));
    cleanup.push([demo, ['security', 'group', 'delete', String(sg.id)]]);
    const rule = await openstackJson<Row>(demo, 'security', 'group', 'rule', 'create', '--protocol', 'icmp', '--remote-group', name('sg'), name('sg'));
    expect(rule).toMatchObject({ protocol: 'icmp', direction: 'ingress', ether_type: 'IPv4', remote_group_id: sg.id });

    const port = await openstackJson<Row>(demo, 'port', 'create', '--network', name('net'), '--security-group', name('sg'), name('port'));
    cleanup.push([demo, ['port', 'delete', String(port.id)]]);
    expect(String(port.mac_address)).toMatch(/^fa:16:3e(:[0-9a-f]{2}){3}$/);
    expect(JSON.stringify(port.fixed_ips)).toContain('10.0.0.');
    const ports = await openstackJson<Row[]>(demo, 'port', 'list', '--network', name('net'));
    expect(ports.map((p) => p.ID)).toEqual(expect.arrayContaining([port.id]));
    expect(await openstackJson<Row>(demo, 'port', 'show', name('port'))).toMatchObject({ id: port.id, status: 'DOWN' });

    const fip = await openstackJson<Row>(demo, 'floating', 'ip', 'create', String(ext.id));
    cleanup.push([demo, ['floating', 'ip', 'delete', String(fip.id)]]);
    expect(String(fip.floating_ip_address)).toMatch(new RegExp(`^198\\.18\\.${third}\\.`));
    await ok(demo, 'floating', 'ip', 'set', '--port', String(port.id), String(fip.id));
    const shownFip = await openstackJson<Row>(demo, 'floating', 'ip', 'show', String(fip.id));
    expect(shownFip).toMatchObject({ port_id: port.id, router_id: router.id });
    await ok(demo, 'floating', 'ip', 'unset', '--port', String(fip.id));
    expect(await openstackJson<Row>(demo, 'floating', 'ip', 'show', String(fip.id))).toMatchObject({ port_id: null });
  });

  it('refuses to delete a network with ports in use, then deletes it once they are gone', async () => {
    const net = await openstackJson<Row>(demo, 'network', 'create', name('busy'));
    cleanup.push([demo, ['network', 'delete', String(net.id)]]);
    await openstackJson<Row>(demo, 'subnet', 'create', '--network', name('busy'), '--subnet-range', '10.9.0.0/24', name('busy-sub'));
    const port = await openstackJson<Row>(demo, 'port', 'create', '--network', name('busy'), name('busy-port'));
    const refused = await openstack(demo, 'network', 'delete', name('busy'));
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/one or more ports still in use/);
    await ok(demo, 'port', 'delete', String(port.id));
    await ok(demo, 'network', 'delete', name('busy'));
    const gone = await openstack(demo, 'network', 'show', String(net.id));
    expect(gone.code).not.toBe(0);
  });

  it('shows network quotas with the upstream defaults and lets an admin change them', async () => {
    const quota = await openstackJson<Row>(admin, 'quota', 'show', 'demo');
    expect(quota).toMatchObject({ networks: 100, subnets: 100, ports: 500, routers: 10, 'floating-ips': 50, secgroups: 10, 'secgroup-rules': 100 });
    await ok(admin, 'quota', 'set', '--routers', '7', 'demo');
    cleanup.push([admin, ['quota', 'set', '--routers', '10', 'demo']]);
    expect(await openstackJson<Row>(admin, 'quota', 'show', 'demo')).toMatchObject({ routers: 7, networks: 100 });
  });
});
