import type { Redis } from 'ioredis';

/**
 * Live rows (DESIGN.md §5 step 5): whoever changes a resource the console shows publishes a small
 * notice on Redis pub/sub; the console server fans notices out to the browsers of the resource's
 * project (tRPC subscription over SSE), which refetch. A notice carries no data, only what changed,
 * so nothing leaks through it and a lost notice costs at most one poll interval.
 */
export type ChangeType = 'instance' | 'image' | 'keypair' | 'flavor' | 'hypervisor' | 'quota' | 'network' | 'subnet' | 'port' | 'router' | 'floatingip' | 'security_group';

export interface ChangeNotice {
  type: ChangeType;
  id: string;
  /** The owning project; null for cloud-wide resources (flavors, hypervisors): only admins hear those. */
  projectId: string | null;
}

export function changeChannel(prefix: string): string {
  return `${prefix}:changes`;
}

/**
 * Publishes a change notice. Never throws: a notice is an optimisation (lists also poll while a row
 * is transitional), so a Redis hiccup must not fail the change that was already committed.
 */
export async function publishChange(redis: Pick<Redis, 'publish'>, prefix: string, change: ChangeNotice): Promise<void> {
  try {
    await redis.publish(changeChannel(prefix), JSON.stringify(change));
  } catch {
    // best effort
  }
}

/** Several notices at once (a multi-create, a batch action). */
export async function publishChanges(redis: Pick<Redis, 'publish'>, prefix: string, changes: readonly ChangeNotice[]): Promise<void> {
  await Promise.all(changes.map((c) => publishChange(redis, prefix, c)));
}

export function parseChange(message: string): ChangeNotice | null {
  try {
    const v = JSON.parse(message) as Partial<ChangeNotice>;
    if (typeof v.type !== 'string' || typeof v.id !== 'string') return null;
    return { type: v.type as ChangeType, id: v.id, projectId: typeof v.projectId === 'string' ? v.projectId : null };
  } catch {
    return null;
  }
}

export type ChangeListener = (change: ChangeNotice) => void;

/**
 * One subscriber connection per process, fanned out to any number of listeners (one per open
 * browser stream). The connection is opened with the first listener and closed with the last.
 */
export class ChangeHub {
  private readonly listeners = new Set<ChangeListener>();
  private sub: Redis | null = null;

  constructor(
    private readonly connect: () => Redis,
    private readonly prefix: string,
  ) {}

  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    if (!this.sub) {
      const sub = this.connect();
      this.sub = sub;
      sub.on('error', () => undefined);
      sub.on('message', (_channel: string, message: string) => {
        const change = parseChange(message);
        if (!change) return;
        for (const l of this.listeners) l(change);
      });
      void sub.subscribe(changeChannel(this.prefix)).catch(() => undefined);
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.sub) {
        const sub = this.sub;
        this.sub = null;
        void sub.quit().catch(() => undefined);
      }
    };
  }

  get size(): number {
    return this.listeners.size;
  }
}

/**
 * The one call for whoever changes an instance's state (API, conductor, periodic tasks): after the
 * change is committed, `await instanceChanged(ctx.redis, ctx.keyPrefix, row)`.
 */
export function instanceChanged(redis: Pick<Redis, 'publish'>, prefix: string, instance: { id: string; projectId: string }): Promise<void> {
  return publishChange(redis, prefix, { type: 'instance', id: instance.id, projectId: instance.projectId });
}
