import type { Prisma } from '@nimbus/db';
import { toHostState } from './host-state.js';
import { noValidHostMessage, selectHosts, DEFAULT_MULTIPLIERS } from './select.js';
import { coreFilter, diskFilter, ramFilter } from './filters/index.js';
import type { HostState } from './types.js';

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

export type Size = Omit<ClaimRequest, 'instanceId'>;

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
 * Sets an instance's allocation to new sizes, moving its node's usage by the difference and
 * bumping the generation, without a capacity check: for sizes the node already holds room for
 * (a resize claimed by claimResize, its confirm, its revert, its failure).
 */
export async function resizeAllocation(tx: Prisma.TransactionClient, instanceId: string, size: Size): Promise<void> {
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

/** Conflicts on the node's generation tolerated before a resize claim gives up. */
const RESIZE_CLAIM_TRIES = 10;

export type ResizeClaim = { ok: true } | { ok: false; message: string };

/**
 * The scheduler's part of a resize. nimbus resizes on the same host only (Nova's
 * allow_resize_to_same_host, without the option of another host): root disks are local files of
 * the node, so moving one is a migration, which nimbus does not do. While the resize runs and
 * until it is confirmed or reverted, the instance holds the larger of both flavors per resource
 * (`hold`); the growth over what it holds now must fit the node's free capacity (the capacity
 * filters, on that one host) and is claimed with the same compare-and-set on the node generation
 * as a boot, so a concurrent boot or resize cannot take the same room. Liveness is not asked: it
 * is the instance's own node, and a resize sent to a dead node times out like any other step.
 */
export async function claimResize(tx: Prisma.TransactionClient, instanceId: string, nodeId: string, hold: Size): Promise<ResizeClaim> {
  for (let i = 0; i < RESIZE_CLAIM_TRIES; i++) {
    const [node, alloc] = await Promise.all([tx.computeNode.findUnique({ where: { id: nodeId } }), tx.allocation.findUnique({ where: { instanceId } })]);
    if (!node) return { ok: false, message: 'No valid host was found. The instance has no host.' };
    const held: Size = alloc && alloc.nodeId === nodeId ? alloc : { vcpus: 0, memoryMb: 0, diskGb: 0 };
    const growth = { vcpus: Math.max(0, hold.vcpus - held.vcpus), memoryMb: Math.max(0, hold.memoryMb - held.memoryMb), rootGb: Math.max(0, hold.diskGb - held.diskGb) };
    const host = toHostState(node, Number.POSITIVE_INFINITY);
    const fit = selectHosts([host], { instanceId, ...growth }, DEFAULT_MULTIPLIERS, [ramFilter, coreFilter, diskFilter]);
    if (fit.hosts.length === 0) return { ok: false, message: noValidHostMessage(1, fit.reports) };
    const moved = await tx.computeNode.updateMany({
      where: { id: nodeId, generation: node.generation },
      data: {
        vcpusUsed: { increment: hold.vcpus - held.vcpus },
        memoryMbUsed: { increment: hold.memoryMb - held.memoryMb },
        localGbUsed: { increment: hold.diskGb - held.diskGb },
        generation: { increment: 1 },
      },
    });
    if (moved.count === 0) continue;
    if (alloc && alloc.nodeId === nodeId) await tx.allocation.update({ where: { instanceId }, data: hold });
    else {
      if (alloc) await releaseAllocation(tx, instanceId);
      await tx.allocation.create({ data: { instanceId, nodeId, ...hold } });
    }
    return { ok: true };
  }
  return { ok: false, message: 'No valid host was found. The host kept changing under concurrent claims; try again.' };
}
