import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@nimbus/shared';
import { startRestHarness, type RestHarness } from '../../../../rest/test-harness';
import { csrfFor, SESSION_COOKIE } from '../../../../session';
import { createCaller } from '../../../root';
import { createTRPCContext } from '../../../trpc';

// The console's Server Groups panel and the Launch Instance wizard's group field, through tRPC.
let h: RestHarness;
let demoToken: string;
let adminToken: string;
const image = newId();

beforeAll(async () => {
  h = await startRestHarness();
  await h.database.db.flavor.create({ data: { id: 'sgc-flavor', name: 'sgc', vcpus: 1, ramMb: 128, diskGb: 1 } });
  await h.database.db.image.create({ data: { id: image, name: 'sgc-img', status: 'active', visibility: 'public', diskFormat: 'raw', containerFormat: 'bare' } });
  demoToken = await h.login('demo', 'demo');
  adminToken = await h.login('admin', 'admin');
});

afterAll(async () => {
  await h?.rt.jobs.close();
  await h?.close();
});

async function callerFor(token: string) {
  const headers = new Headers({ cookie: `${SESSION_COOKIE}=${encodeURIComponent(token)}`, 'x-csrf-token': csrfFor(token) });
  return createCaller(await createTRPCContext({ headers }));
}

describe('compute.serverGroups', () => {
  it('creates, lists with policy and member count, offers delete, deletes', async () => {
    const demo = await callerFor(demoToken);
    const spread = await demo.compute.serverGroups.create({ name: 'spread', policy: 'anti-affinity', maxServerPerHost: 2 });
    await demo.compute.serverGroups.create({ name: 'together', policy: 'soft-affinity' });
    await (await callerFor(adminToken)).compute.serverGroups.create({ name: 'admins-own', policy: 'affinity' });

    const launched = await demo.compute.servers.create({ name: 'in-group', count: 2, imageId: image, flavorId: 'sgc-flavor', serverGroupId: spread.id });
    expect(launched.ids).toHaveLength(2);

    const list = await demo.compute.serverGroups.list({ sort: 'name' });
    expect(list.total).toBe(2);
    expect(list.items.map((g) => [g.name, g.policy, g.maxServerPerHost, g.members])).toEqual([
      ['spread', 'anti-affinity', 2, 2],
      ['together', 'soft-affinity', null, 0],
    ]);
    expect(list.can).toEqual({ create: true, delete: true });
    expect((await demo.compute.serverGroups.list({ q: 'tog' })).items.map((g) => g.name)).toEqual(['together']);

    const options = await demo.compute.servers.launchOptions();
    expect(options.serverGroups.map((g) => g.name).sort()).toEqual(['spread', 'together']);

    await demo.compute.serverGroups.delete({ id: spread.id });
    expect((await demo.compute.serverGroups.list({})).items.map((g) => g.name)).toEqual(['together']);
    expect(await h.database.db.instance.count({ where: { id: { in: launched.ids }, deletedAt: null } })).toBe(2);
  });

  it('answers bad input with the field named, and another project’s group as not found', async () => {
    const demo = await callerFor(demoToken);
    await expect(demo.compute.serverGroups.create({ name: ' x', policy: 'affinity' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(demo.compute.serverGroups.create({ name: 'r', policy: 'affinity', maxServerPerHost: 2 })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'Only anti-affinity policy supports rules.' });
    const theirs = await (await callerFor(adminToken)).compute.serverGroups.create({ name: 'theirs', policy: 'affinity' });
    await expect(demo.compute.serverGroups.delete({ id: theirs.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(demo.compute.servers.create({ name: 'x', count: 1, imageId: image, flavorId: 'sgc-flavor', serverGroupId: theirs.id })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
