import { describe, expect, it } from 'vitest';
import * as cmd from './commands.js';

const ns = 'nimbus-node-1';

describe('linuxbridge argv builders', () => {
  it('pin every command the driver runs, each inside a named namespace', async () => {
    const all: Record<string, string[]> = {
      listNamespaces: cmd.listNamespaces(),
      addNamespace: cmd.addNamespace(`${ns}-qdhcp-x`),
      deleteNamespace: cmd.deleteNamespace(`${ns}-qdhcp-x`),
      listLinks: cmd.listLinks(ns),
      listAddresses: cmd.listAddresses(ns),
      listRoutes: cmd.listRoutes(ns),
      addBridge: cmd.addBridge(ns, 'brq5f1c2a7e-3b', 1450),
      addVxlan: cmd.addVxlan(ns, 'vxlan-1001', 1001, '192.0.2.1', 1450),
      addVeth: cmd.addVeth(ns, 'tapd0d1d2d3-d4', 'ns-d0d1d2d3-d4', `${ns}-qdhcp-x`, 1450),
      addTap: cmd.addTap(ns, 'tap9a8b7c6d-5e'),
      deleteLink: cmd.deleteLink(ns, 'tap9a8b7c6d-5e'),
      setLinkUp: cmd.setLink(ns, 'lo', {}),
      setLinkMaster: cmd.setLink(ns, 'tap9a8b7c6d-5e', { master: 'brq5f1c2a7e-3b', mtu: 1450 }),
      addAddress: cmd.addAddress(`${ns}-qdhcp-x`, 'ns-d0d1d2d3-d4', '10.0.0.2/24'),
      deleteAddress: cmd.deleteAddress(`${ns}-qdhcp-x`, 'ns-d0d1d2d3-d4', '10.0.0.2/24'),
      replaceRoute: cmd.replaceRoute(`${ns}-qrouter-x`, 'default', '203.0.113.1'),
      deleteRoute: cmd.deleteRoute(`${ns}-qrouter-x`, '172.16.0.0/16'),
      listFdb: cmd.listFdb(ns, 'vxlan-1001'),
      appendFdb: cmd.appendFdb(ns, 'vxlan-1001', '192.0.2.2'),
      deleteFdb: cmd.deleteFdb(ns, 'vxlan-1001', '192.0.2.2'),
      sysctl: cmd.sysctl(`${ns}-qrouter-x`, 'net.ipv4.ip_forward', 1),
      applyRuleset: cmd.applyRuleset(ns, '/var/lib/nimbus/nodes/node-1/network/nft/base.nft'),
      listRuleset: cmd.listRuleset(ns),
      forgetConnections: cmd.forgetConnections(ns, 'dst', '10.0.0.5'),
      announce: cmd.announce(`${ns}-qrouter-x`, 'qg-b1b2b3b4-b5', '203.0.113.50'),
      dnsmasq: cmd.dnsmasq(
        `${ns}-qdhcp-x`,
        'ns-d0d1d2d3-d4',
        1450,
        [
          { tag: 'subnet-a', network: '10.0.0.0', netmask: '255.255.255.0', router: '10.0.0.1', dnsServers: ['10.0.0.53', '10.0.0.54'], hostRoutes: ['172.16.0.0/16,10.0.0.254'] },
          { tag: 'subnet-b', network: '10.1.0.0', netmask: '255.255.0.0', router: null, dnsServers: [], hostRoutes: [] },
        ],
        { hosts: '/d/hosts', pid: '/d/pid', leases: '/d/leases' },
      ),
      signalHup: cmd.signal(4242, 'HUP'),
      signalTerm: cmd.signal(4242, 'TERM'),
    };
    await expect(`${JSON.stringify(all, null, 2)}\n`).toMatchFileSnapshot('./__golden__/commands.argv.json');
  });

  it('never leaves the namespace: every ip, bridge, nft, sysctl and dnsmasq call names one', () => {
    const calls = [
      cmd.listLinks(ns),
      cmd.addBridge(ns, 'b', 1500),
      cmd.appendFdb(ns, 'v', '192.0.2.2'),
      cmd.sysctl(ns, 'k', 1),
      cmd.applyRuleset(ns, 'f'),
      cmd.dnsmasq(ns, 'd', 1500, [], { hosts: 'h', pid: 'p', leases: 'l' }),
    ];
    for (const argv of calls) {
      const namesNs = (argv[1] === '-n' && argv[2] === ns) || (argv[1] === 'netns' && argv[2] === 'exec' && argv[3] === ns);
      expect(namesNs, argv.join(' ')).toBe(true);
    }
  });
});
