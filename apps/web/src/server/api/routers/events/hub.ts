import { ChangeHub } from '@nimbus/core/events/changes';
import { runtime } from '../../../runtime';

const KEY = Symbol.for('nimbus.changeHub');
type WithHub = typeof globalThis & { [KEY]?: ChangeHub };

/** The process's one Redis subscriber for change notices (Next bundles routes apart: a global keeps one). */
export function changeHub(): ChangeHub {
  const g = globalThis as WithHub;
  if (!g[KEY]) {
    const rt = runtime();
    g[KEY] = new ChangeHub(() => rt.redis.duplicate({ maxRetriesPerRequest: null, enableAutoPipelining: false }), rt.config.REDIS_PREFIX);
  }
  return g[KEY];
}
