import type { Redis } from 'ioredis';

/**
 * A cluster-wide counter bumped on every identity change (assignment, enable flag, password,
 * revocation, catalog). Each process checks it once per request, with one Redis GET, and drops
 * its identity caches when it moved: so caches are as fresh as the database, and a revocation
 * takes effect in every process at once.
 */
export function generationKey(prefix: string): string {
  return `${prefix}:identity:generation`;
}

export async function bumpGeneration(redis: Redis, prefix: string): Promise<void> {
  await redis.incr(generationKey(prefix));
}

export class GenerationCache<V> {
  private generation: string | null = null;
  private readonly entries = new Map<string, V>();

  constructor(private readonly maxEntries = 50_000) {}

  /** Clears the cache when the cluster generation differs from the one its entries were built at. */
  sync(generation: string | null): void {
    if (generation !== this.generation) {
      this.entries.clear();
      this.generation = generation;
    }
  }

  get(key: string): V | undefined {
    return this.entries.get(key);
  }

  set(key: string, value: V): void {
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(key, value);
  }

  async getOrLoad(key: string, load: () => Promise<V>): Promise<V> {
    const hit = this.entries.get(key);
    if (hit !== undefined) return hit;
    const value = await load();
    this.set(key, value);
    return value;
  }
}
