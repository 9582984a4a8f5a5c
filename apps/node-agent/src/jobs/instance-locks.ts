/**
 * Runs the steps of one instance one after another (a destroy waits for the spawn it races),
 * while different instances proceed in parallel. Nova does the same with a lock per instance uuid.
 */
export class InstanceLocks {
  private readonly tails = new Map<string, Promise<unknown>>();

  async run<T>(instanceId: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.tails.get(instanceId) ?? Promise.resolve();
    const next = prev.catch(() => undefined).then(fn);
    this.tails.set(instanceId, next);
    try {
      return await next;
    } finally {
      if (this.tails.get(instanceId) === next) this.tails.delete(instanceId);
    }
  }
}
