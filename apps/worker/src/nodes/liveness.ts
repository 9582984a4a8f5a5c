import type { Redis } from 'ioredis';
import { NODE_DOWN_AFTER_MS, type NodeCapacity, type NodeHeartbeat, type NodeRole } from '@nimbus/shared/queues';

/**
 * Node liveness, kept in Redis until a later issue gives nodes a database table. Three keys under
 * the prefix: `nodes` (hash: name → last heartbeat as JSON), `nodes:seen` (sorted set scored by
 * last-seen ms, so stale nodes are one range query) and `nodes:down` (set of nodes declared down,
 * so each transition is reported exactly once).
 */
export interface NodeRecord {
  node: string;
  roles: NodeRole[];
  version: string;
  capacity: NodeCapacity;
  startedAt: string;
  lastSeen: string;
  state: 'up' | 'down';
}

/** What a heartbeat changed: a transition to log, nothing, or it was too old to count. */
export type HeartbeatOutcome = 'joined' | 'back-up' | 'left' | 'unchanged' | 'ignored';

// Atomic so that a heartbeat landing between the range query and the SADD cannot be lost.
const MARK_STALE = `
local stale = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
local newly = {}
for _, n in ipairs(stale) do
  if redis.call('SADD', KEYS[2], n) == 1 then table.insert(newly, n) end
end
return newly`;

export class NodeLiveness {
  private readonly keys;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    private readonly downAfterMs = NODE_DOWN_AFTER_MS,
  ) {
    this.keys = { nodes: `${prefix}:nodes`, seen: `${prefix}:nodes:seen`, down: `${prefix}:nodes:down` };
  }

  /**
   * Records a heartbeat. Last-seen is the agent's send time capped at ours, so a beat that sat in a
   * backlog (worker was down) cannot revive a node, and ZADD GT keeps a late beat from moving
   * last-seen backwards.
   */
  async record(beat: NodeHeartbeat, now = Date.now()): Promise<HeartbeatOutcome> {
    const seen = Math.min(Date.parse(beat.sentAt), now);
    if (now - seen > this.downAfterMs) return 'ignored';
    const { kind, sentAt: _sentAt, ...about } = beat;
    const tx = this.redis
      .multi()
      .hset(this.keys.nodes, beat.node, JSON.stringify(about))
      .zadd(this.keys.seen, 'GT', seen, beat.node);
    if (kind === 'leave') tx.sadd(this.keys.down, beat.node);
    else tx.srem(this.keys.down, beat.node);
    const [created, , downChanged] = await results(tx.exec());
    if (kind === 'leave') return downChanged === 1 ? 'left' : 'unchanged';
    if (created === 1) return 'joined';
    return downChanged === 1 ? 'back-up' : 'unchanged';
  }

  /** Declares down every node silent for longer than the limit; returns only the newly down. */
  async markStale(now = Date.now()): Promise<string[]> {
    const cutoff = now - this.downAfterMs;
    return (await this.redis.eval(MARK_STALE, 2, this.keys.seen, this.keys.down, cutoff)) as string[];
  }

  async list(): Promise<NodeRecord[]> {
    const [about, seen, down] = (await results(
      this.redis.multi().hgetall(this.keys.nodes).zrange(this.keys.seen, 0, -1, 'WITHSCORES').smembers(this.keys.down).exec(),
    )) as [Record<string, string>, string[], string[]];
    const lastSeen = new Map<string, number>();
    for (let i = 0; i < seen.length; i += 2) lastSeen.set(seen[i]!, Number(seen[i + 1]));
    const downSet = new Set(down);
    return Object.entries(about)
      .map(([node, json]) => ({
        ...(JSON.parse(json) as Omit<NodeRecord, 'lastSeen' | 'state'>),
        node,
        lastSeen: new Date(lastSeen.get(node) ?? 0).toISOString(),
        state: downSet.has(node) ? ('down' as const) : ('up' as const),
      }))
      .sort((a, b) => a.node.localeCompare(b.node));
  }
}

/** The replies of a MULTI, throwing the first command error instead of hiding it in a tuple. */
async function results(exec: Promise<Array<[Error | null, unknown]> | null>): Promise<unknown[]> {
  const replies = await exec;
  if (!replies) throw new Error('redis transaction aborted');
  return replies.map(([err, value]) => {
    if (err) throw err;
    return value;
  });
}
