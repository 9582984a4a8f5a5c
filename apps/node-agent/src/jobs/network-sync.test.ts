import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { NetworkState } from '@nimbus/shared/network-state';
import { FakeNetworkDriver } from '../drivers/network/fake/fake-driver.js';
import { NetworkSyncer } from './network-sync.js';

const state = (generation: number): NetworkState => ({ node: 'n1', generation, networks: [], ports: [], routers: [], securityGroups: [], peers: [] });

/** A fake driver that records how many syncs ran at once. */
class SlowDriver extends FakeNetworkDriver {
  running = 0;
  maxRunning = 0;
  override async sync(s: NetworkState) {
    this.running += 1;
    this.maxRunning = Math.max(this.maxRunning, this.running);
    await new Promise((r) => setTimeout(r, 10));
    this.running -= 1;
    return super.sync(s);
  }
}

async function setup(generations: number[]) {
  const driver = new SlowDriver();
  await driver.init();
  const served = [...generations];
  const fetched = { count: 0 };
  const fetch = async () => {
    fetched.count += 1;
    return state(served.shift() ?? generations.at(-1)!);
  };
  return { driver, fetched, syncer: new NetworkSyncer('n1', driver, { fetch }, pino({ level: 'silent' })) };
}

describe('NetworkSyncer', () => {
  it('runs one sync at a time, in order', async () => {
    const { driver, syncer } = await setup([1, 2, 3]);
    const reports = await Promise.all([syncer.sync(1), syncer.sync(2), syncer.sync(3)]);
    expect(driver.maxRunning).toBe(1);
    expect(reports.map((r) => r?.generation)).toEqual([1, 2, 3]);
  });

  it('skips a generation older than the one applied, without fetching', async () => {
    const { driver, fetched, syncer } = await setup([5]);
    await syncer.sync();
    expect(await syncer.sync(4)).toBeNull();
    expect(fetched.count).toBe(1);
    expect((await syncer.sync(5))?.generation).toBe(5);
    expect(driver.state?.generation).toBe(5);
  });

  it('keeps going after a failed sync', async () => {
    const { driver, syncer } = await setup([1, 2]);
    driver.failNextSync = 'boom';
    await expect(syncer.sync(1)).rejects.toThrow('boom');
    expect((await syncer.sync(2))?.generation).toBe(2);
  });
});
