import { describe, expect, it } from 'vitest';
import { InstanceNotFound } from '../driver.js';
import { HostCommandRunner } from '../../../exec/runner.js';
import { createComputeDriver } from '../registry.js';
import type { DriverDeps } from '../driver.js';
import { createLogger } from '@nimbus/core/logger';

const deps: DriverDeps = { runner: new HostCommandRunner(), images: { upload: async () => {} }, log: createLogger('test', 'silent'), stateDir: '/nonexistent' };
import { fakeConfigFromEnv } from './config.js';
import { FakeComputeDriver } from './fake-driver.js';

const spec = (name: string, id = name) => ({ id, name, vcpus: 2, memoryMb: 1024, rootGb: 10 });
const driver = (env: Record<string, string> = {}) =>
  new FakeComputeDriver(fakeConfigFromEnv({ FAKE_SPAWN_DELAY_MS: '0', FAKE_STEP_DELAY_MS: '0', FAKE_MEMORY_MB: '4096', ...env }), 'n1');

describe('fake compute driver', () => {
  it('spawns idempotently, reports capacity, power states and a console', async () => {
    const d = driver();
    await d.spawn(spec('a'));
    await d.spawn(spec('a'));
    expect(await d.listInstances()).toEqual(['a']);
    expect(await d.getAvailableResource()).toMatchObject({ memoryMb: 4096, memoryFreeMb: 3072, diskFreeGb: 190 });
    await d.powerOff('a');
    await d.powerOff('a');
    expect((await d.getInfo('a')).powerState).toBe(4);
    await d.powerOn('a');
    await d.pause('a');
    expect((await d.getInfo('a')).powerState).toBe(3);
    await expect(d.suspend('a')).rejects.toThrow(/power state 3/);
    await d.unpause('a');
    expect(await d.getConsoleOutput('a', 1)).toBe('a login: \n');
  });

  it('destroying a missing instance succeeds; asking about one fails', async () => {
    const d = driver();
    await d.destroy('nope');
    await expect(d.getInfo('nope')).rejects.toBeInstanceOf(InstanceNotFound);
  });

  it('injects spawn failures: always, once, by name — rolling the instance back', async () => {
    const always = driver({ FAKE_FAIL_SPAWN: 'always' });
    await expect(always.spawn(spec('x'))).rejects.toThrow(/injected/);
    expect(await always.listInstances()).toEqual([]);

    const once = driver({ FAKE_FAIL_SPAWN: 'once' });
    await expect(once.spawn(spec('x'))).rejects.toThrow();
    await once.spawn(spec('x'));

    const byName = driver({ FAKE_FAIL_SPAWN: '^bad-' });
    await byName.spawn(spec('good-1'));
    await expect(byName.spawn(spec('bad-1'))).rejects.toThrow();
    expect(await byName.listInstances()).toEqual(['good-1']);
  });

  it('refuses bad settings and unknown drivers, naming them', () => {
    expect(() => fakeConfigFromEnv({ FAKE_FAIL_SPAWN: '(' })).toThrow(/FAKE_FAIL_SPAWN/);
    expect(() => fakeConfigFromEnv({ FAKE_VCPUS: '-1' })).toThrow(/FAKE_VCPUS/);
    expect(() => createComputeDriver('vmware', 'n1', deps, {})).toThrow(/COMPUTE_DRIVER/);
    expect(createComputeDriver('fake', 'n1', deps, {}).fake).toBe(true);
  });
});
