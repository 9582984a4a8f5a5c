import type { PrismaClient } from '@nimbus/db';
import type { Redis } from 'ioredis';
import { instanceChanged } from '@nimbus/core/events/changes';

/**
 * Tells the console an instance changed (live rows, DESIGN.md §5 step 5), after the worker has
 * committed the change. Best effort: lists also poll while a row is transitional.
 */
export function instanceNotifier(db: PrismaClient, redis: Pick<Redis, 'publish'>, prefix: string) {
  return async (instanceId: string): Promise<void> => {
    const row = await db.instance.findUnique({ where: { id: instanceId }, select: { id: true, projectId: true } });
    if (row) await instanceChanged(redis, prefix, row);
  };
}

export type InstanceNotifier = ReturnType<typeof instanceNotifier>;
