import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { InstanceLocks } from './instance-locks.js';

it('runs the steps of one instance in order, others in parallel, and survives a failing step', async () => {
  const locks = new InstanceLocks();
  const log: string[] = [];
  const step = (id: string, name: string, ms: number, fail = false) =>
    locks.run(id, async () => {
      log.push(`${id}:${name}:start`);
      await sleep(ms);
      log.push(`${id}:${name}:end`);
      if (fail) throw new Error(name);
    });
  const results = await Promise.allSettled([step('a', 'spawn', 30, true), step('a', 'destroy', 1), step('b', 'spawn', 5)]);
  expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
  expect(log.indexOf('a:destroy:start')).toBeGreaterThan(log.indexOf('a:spawn:end'));
  expect(log.indexOf('b:spawn:end')).toBeLessThan(log.indexOf('a:spawn:end'));
});
