import type { Prisma } from '@nimbus/db';
import type { HostState } from '@nimbus/core/scheduler/index';

/**
 * Placement-style claims: a node's usage changes only together with its generation, and a claim
 * applies only if the generation is still the one the fit was computed on (compare-and-set), so
 * two schedulers can never both take the last free resources of a node.
 */
export interface ClaimRequest {
  instanceId: string;
  vcpus: number;
  memoryMb: number;
  diskGb: number;
}

/** Adds the usage if the node is still at `host.generation`; false when it moved on (conflict). */
export async function claimOnNode(tx: Prisma.TransactionClient, host: HostState, req: ClaimRequest): Promise<boolean> {
  const r = await tx.computeNode.updateMany({
    where: { id: host.id, generation: host.generation },
    data: {
      vcpusUsed: { increment: req.vcpus },
      memoryMbUsed: { increment: req.memoryMb },
      localGbUsed: { increment: req.diskGb },
      generation: { increment: 1 },
    },
  });
  if (r.count === 0) return false;
  await releaseAllocation(tx, req.instanceId);
  await tx.allocation.create({
    data: { instanceId: req.instanceId, nodeId: host.id, vcpus: req.vcpus, memoryMb: req.memoryMb, diskGb: req.diskGb },
  });
  return true;
}

/**
 * Gives an instance's resources back to its node, at most once even when called concurrently
 * (the conditional delete decides who releases). `createdAt`, when given, pins the release to
 * that very allocation, so a cleanup cannot release a newer claim made since it looked.
 */
export async function releaseAllocation(tx: Prisma.TransactionClient, instanceId: string, createdAt?: Date): Promise<boolean> {
  const alloc = await tx.allocation.findUnique({ where: { instanceId } });
  if (!alloc || (createdAt && alloc.createdAt.getTime() !== createdAt.getTime())) return false;
  const gone = await tx.allocation.deleteMany({ where: { instanceId, nodeId: alloc.nodeId, createdAt: alloc.createdAt } });
  if (gone.count === 0) return false;
  await tx.computeNode.update({
    where: { id: alloc.nodeId },
    data: {
      vcpusUsed: { decrement: alloc.vcpus },
      memoryMbUsed: { decrement: alloc.memoryMb },
      localGbUsed: { decrement: alloc.diskGb },
      generation: { increment: 1 },
    },
  });
  return true;
}

/**
 * Sets an instance's allocation to new sizes (resize), moving its node's usage by the difference
 * and bumping the generation. No capacity check: the node has already done the resize when this
 * runs (the scheduler-side resize claim comes with migrations).
 */
export async function resizeAllocation(tx: Prisma.TransactionClient, instanceId: string, size: { vcpus: number; memoryMb: number; diskGb: number }): Promise<void> {
  const alloc = await tx.allocation.findUnique({ where: { instanceId } });
  if (!alloc) return;
  await tx.allocation.update({ where: { instanceId }, data: size });
  await tx.computeNode.update({
    where: { id: alloc.nodeId },
    data: {
      vcpusUsed: { increment: size.vcpus - alloc.vcpus },
      memoryMbUsed: { increment: size.memoryMb - alloc.memoryMb },
      localGbUsed: { increment: size.diskGb - alloc.diskGb },
      generation: { increment: 1 },
    },
  });
}
