import { describe, expect, it } from 'vitest';
import { fixtureState, ids } from '../linuxbridge/__fixtures__/state.js';
import { createNetworkDriver } from '../registry.js';
import { FakeNetworkDriver } from './fake-driver.js';

describe('fake network driver', () => {
  it('reports what changed between syncs and nothing on a repeat', async () => {
    const d = new FakeNetworkDriver();
    await d.init();
    const state = fixtureState();
    const first = await d.sync(state);
    expect(first.changes).toContain(`create network ${ids.net}`);
    expect(first.generation).toBe(7);
    expect((await d.sync(state)).changes).toEqual([]);
    const without = { ...state, generation: 8, routers: [] };
    expect((await d.sync(without)).changes).toEqual([`remove router ${ids.router}`]);
  });

  it('fails a sync on demand without changing its state', async () => {
    const d = new FakeNetworkDriver();
    await d.init();
    d.failNextSync = 'injected';
    await expect(d.sync(fixtureState())).rejects.toThrow('injected');
    expect(d.state).toBeNull();
  });

  it('plugs and unplugs taps by port id', async () => {
    const d = new FakeNetworkDriver();
    const port = fixtureState().ports[0]!;
    await d.plugVif(port);
    expect([...d.taps.keys()]).toEqual(['tap9a8b7c6d-5e']);
    await d.unplugVif(port.id);
    await d.unplugVif(port.id);
    expect(d.taps.size).toBe(0);
  });

  it('is chosen by NETWORK_DRIVER, and the linuxbridge driver refuses to run without NODE_NETNS', () => {
    const deps = { runner: { run: async () => ({ code: 0, stdout: '', stderr: '' }) }, log: undefined as never, stateDir: '/tmp/x' };
    expect(createNetworkDriver('fake', deps, {}).fake).toBe(true);
    expect(() => createNetworkDriver('ovs', deps, {})).toThrow(/NETWORK_DRIVER: unknown driver "ovs"/);
    expect(() => createNetworkDriver('linuxbridge', deps, {})).toThrow(/NODE_NETNS/);
    expect(() => createNetworkDriver('linuxbridge', deps, { NODE_NETNS: 'n', NODE_UNDERLAY_IP: 'x' })).toThrow(/NODE_UNDERLAY_IP/);
  });
});
