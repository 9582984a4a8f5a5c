import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NetworkStateSchema } from '@nimbus/shared/network-state';
import { newId } from '@nimbus/shared';
import { startRestHarness, type RestHarness } from '../test-harness';

let h: RestHarness;
let nova: string;
let demo: string;
let admin: string;
const NODE = 'net-1';
const STATE = `/internal/network-state/${NODE}`;

beforeAll(async () => {
  h = await startRestHarness();
  await h.database.db.computeNode.create({
    data: { id: newId(), name: NODE, hypervisorType: 'fake', roles: ['compute', 'network'], vcpus: 4, memoryMb: 4096, localGb: 10, hostIp: '127.0.0.1' },
  });
  nova = await h.login('nova', 'service', 'service');
  demo = await h.login('demo', 'demo');
  admin = await h.login('admin', 'admin');
});

afterAll(async () => {
  await h?.rt.jobs.close();
  await h?.close();
});

describe('GET /internal/network-state/<node>', () => {
  it("answers the node's desired datapath: a new network with DHCP lands on the network node", async () => {
    const before = await h.call('GET', STATE, { token: nova });
    expect(before.status).toBe(200);
    expect(NetworkStateSchema.parse(before.body)).toMatchObject({ node: NODE, networks: [], ports: [], routers: [] });

    const net = await h.call('POST', '/network/v2.0/networks', { token: demo, body: { network: { name: 'n1' } } });
    expect(net.status).toBe(201);
    const sub = await h.call('POST', '/network/v2.0/subnets', { token: demo, body: { subnet: { network_id: net.body.network.id, cidr: '10.20.0.0/24', ip_version: 4 } } });
    expect(sub.status).toBe(201);

    const after = await h.call('GET', STATE, { token: nova });
    expect(after.status).toBe(200);
    expect(after.body.generation).toBeGreaterThan(before.body.generation);
    expect(after.body.networks).toEqual([expect.objectContaining({ id: net.body.network.id, subnets: [expect.objectContaining({ cidr: '10.20.0.0/24', dhcp: true })] })]);
    expect(after.body.ports).toEqual([expect.objectContaining({ networkId: net.body.network.id, deviceOwner: 'network:dhcp' })]);
  });

  it('answers 404 for a node it does not know', async () => {
    const res = await h.call('GET', '/internal/network-state/no-such-node', { token: nova });
    expect(res.status).toBe(404);
    expect(res.body.itemNotFound.message).toContain('no-such-node');
  });

  it('answers 401 without a valid token and 403 to users that are not service users', async () => {
    expect((await h.call('GET', STATE)).status).toBe(401);
    expect((await h.call('GET', STATE, { token: 'not-a-token' })).status).toBe(401);
    const asDemo = await h.call('GET', STATE, { token: demo });
    expect(asDemo.status).toBe(403);
    expect(asDemo.body.forbidden.message).toMatch(/service/);
    // Cloud admin of another project is not a service user either.
    expect((await h.call('GET', STATE, { token: admin })).status).toBe(403);
  });
});
