import { describe, expect, it } from 'vitest';
import {
  jobId,
  NodeHeartbeatSchema,
  NodeNameSchema,
  NodePingSchema,
  nodeQueueName,
  NodeResultJobSchema,
  QueueName,
  QueuePayloadSchemas,
  ScheduleJobSchema,
} from './queues.js';

const now = new Date().toISOString();
const heartbeat = {
  kind: 'heartbeat',
  node: 'node-1',
  roles: ['compute', 'network'],
  version: '0.0.0',
  capacity: { cpus: 2, memoryMb: 24000, memoryFreeMb: 20000, diskGb: 100.5, diskFreeGb: 50 },
  startedAt: now,
  sentAt: now,
};

describe('queue names', () => {
  it('are kebab-case and free of ":"', () => {
    for (const name of Object.values(QueueName)) expect(name).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });

  it('builds a node queue from its name', () => {
    expect(nodeQueueName('compute-7')).toBe('node-compute-7');
  });

  it('refuses node names that would clash or break keys', () => {
    for (const bad of ['heartbeat', 'Node1', 'a:b', '', '-x', 'x-', 'a b', 'x'.repeat(64)]) {
      expect(NodeNameSchema.safeParse(bad).success, bad).toBe(false);
    }
    expect(() => nodeQueueName('heartbeat')).toThrow();
  });
});

describe('jobId', () => {
  it('joins parts with "-"', () => {
    expect(jobId('spawn', 'abc', 2)).toBe('spawn-abc-2');
  });

  it('refuses ":"', () => {
    expect(() => jobId('spawn', 'a:b')).toThrow(/":"/);
  });
});

describe('payload schemas', () => {
  it('accepts a well-formed heartbeat', () => {
    expect(NodeHeartbeatSchema.parse(heartbeat)).toEqual(heartbeat);
  });

  it.each([
    ['unknown role', { roles: ['gpu'] }],
    ['no roles', { roles: [] }],
    ['unknown kind', { kind: 'hello' }],
    ['negative memory', { capacity: { ...heartbeat.capacity, memoryMb: -1 } }],
    ['zero cpus', { capacity: { ...heartbeat.capacity, cpus: 0 } }],
    ['non-ISO time', { sentAt: 'yesterday' }],
  ])('rejects a heartbeat with %s', (_why, patch) => {
    expect(NodeHeartbeatSchema.safeParse({ ...heartbeat, ...patch }).success).toBe(false);
  });

  it('names the offending field', () => {
    const result = NodeHeartbeatSchema.safeParse({ ...heartbeat, capacity: { ...heartbeat.capacity, cpus: 'two' } });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['capacity', 'cpus']);
  });

  it('checks ping, schedule and node-result payloads', () => {
    expect(NodePingSchema.safeParse({ requestId: 'req-1' }).success).toBe(true);
    expect(NodePingSchema.safeParse({}).success).toBe(false);
    expect(ScheduleJobSchema.safeParse({ instanceId: 'i', attempt: 0, requestId: 'r' }).success).toBe(false);
    expect(
      NodeResultJobSchema.safeParse({
        node: 'node-1',
        requestId: 'r',
        resource: { type: 'instance', id: 'i' },
        step: 'spawn',
        outcome: 'failure',
        fault: { message: 'no space left' },
      }).success,
    ).toBe(true);
  });

  it('maps every queue to its payload schemas', () => {
    expect(QueuePayloadSchemas[QueueName.NodeHeartbeat].heartbeat).toBe(NodeHeartbeatSchema);
    expect(QueuePayloadSchemas.node.ping).toBe(NodePingSchema);
  });
});
