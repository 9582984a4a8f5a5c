import type { Job } from 'bullmq';
import { NodePingSchema, type NodePong } from '@nimbus/shared/queues';

/** Answers a ping with who we are; the answer is the job's return value. */
export function pingHandler(node: string, version: string) {
  return async (job: Job): Promise<NodePong> => {
    const { requestId } = NodePingSchema.parse(job.data);
    return { node, version, requestId, answeredAt: new Date().toISOString() };
  };
}
