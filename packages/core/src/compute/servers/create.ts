import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { BadRequest, newId, OverQuota, ServiceUnavailable } from '@nimbus/shared';
import { TaskState, VmState } from '@nimbus/shared/compute-states';
import type { Instance, Prisma } from '@nimbus/db';
import { requireAuth, type RequestContext } from '../../identity/context.js';
import { allowedInstances, checkComputeQuota, lockProjectQuota, projectLimits } from '../../quota/quotas.js';
import { authorize, callerProject, parseNova, zBool, zInt, zMetadata, zServerName } from './common.js';
import { bootableImage, checkFlavorFitsImage, ownKeyPair, requestedZone, usableFlavor } from './references.js';
import { checkGroupMembers, hintedServerGroup } from '../server-groups.js';
import { instanceHostname } from './hostname.js';

function isBase64(s: string): boolean {
  const compact = s.replace(/\s+/g, '');
  return compact.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(compact);
}

const zNetwork = z.looseObject({
  uuid: z.string().optional(),
  port: z.string().optional(),
  fixed_ip: z.string().optional(),
  tag: z.string().optional(),
});

export const ZCreateServerInput = z.looseObject({
  name: zServerName,
  flavorRef: z.union([z.string().min(1, 'must not be empty'), z.number().transform(String)]),
  imageRef: z.string().min(1, 'an image is required (booting from volume is not supported yet)'),
  key_name: z.string().min(1).max(255).nullish(),
  metadata: zMetadata.optional(),
  user_data: z
    .string()
    .max(65535, 'must be at most 65535 characters')
    .refine(isBase64, 'is not valid base64')
    .nullish(),
  availability_zone: z.string().min(1).max(255).nullish(),
  min_count: zInt(1).optional(),
  max_count: zInt(1).optional(),
  /** Passed through for the networking issue: a list, or Nova 2.37's `auto` / `none`. */
  networks: z.union([z.literal('auto'), z.literal('none'), z.array(zNetwork)]).optional(),
  security_groups: z.array(z.looseObject({ name: z.string().min(1) })).optional(),
  return_reservation_id: zBool.optional(),
  adminPass: z.string().optional(),
  description: z.string().max(255).nullish(),
});
export type CreateServerInput = z.input<typeof ZCreateServerInput>;

/**
 * Nova's `os:scheduler_hints` (beside `server` in the body). Only `group` means something to
 * nimbus's scheduler; other hints are accepted and ignored, as Nova does for filters not enabled.
 */
export interface SchedulerHints {
  group?: unknown;
  [hint: string]: unknown;
}

export interface CreatedServers {
  reservationId: string;
  instances: Instance[];
  /** The generated (or given) admin password, returned once as Nova does. */
  adminPass: string;
  securityGroups: string[];
}

function reservationId(): string {
  return `r-${randomBytes(4).toString('hex')}`;
}

function password(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  return Array.from(randomBytes(12), (b) => alphabet[b % alphabet.length]).join('');
}

/**
 * Boots servers (DESIGN.md §5 step 1): validates every reference, then — in one transaction
 * holding the project's quota lock (and the server group's row, when one is hinted) — counts
 * usage, checks quota and inserts the instance rows (`building` / `scheduling`) with their
 * `create` actions and group memberships; only after commit is `schedule` enqueued, so the
 * scheduler never sees a row that might still roll back.
 */
export async function createServers(ctx: RequestContext, rawInput: CreateServerInput, hints: SchedulerHints = {}): Promise<CreatedServers> {
  const auth = requireAuth(ctx);
  const input = parseNova(ZCreateServerInput, rawInput);
  const projectId = callerProject(auth);
  authorize(auth, 'compute:servers:create', { project_id: projectId, user_id: auth.userId });

  const minCount = input.min_count ?? 1;
  const maxCount = input.max_count ?? minCount;
  if (minCount > maxCount) throw new BadRequest('min_count must be <= max_count', { field: 'min_count' });

  const flavor = await usableFlavor(ctx, auth, input.flavorRef);
  const image = await bootableImage(ctx, auth, input.imageRef);
  checkFlavorFitsImage(flavor, image);
  const key = input.key_name ? await ownKeyPair(ctx, auth, input.key_name) : null;
  const zone = input.availability_zone ? await requestedZone(ctx, input.availability_zone) : null;
  const group = hints.group !== undefined ? await hintedServerGroup(ctx, auth, hints.group, 'os:scheduler_hints.group') : null;
  const metadata = input.metadata ?? {};
  const securityGroups = input.security_groups?.map((g) => g.name) ?? ['default'];
  const reservation = reservationId();

  const instances = await ctx.db.$transaction(
    async (tx) => {
      await lockProjectQuota(tx, projectId);
      const limits = await projectLimits(tx, projectId);
      if (limits.metadata_items >= 0 && Object.keys(metadata).length > limits.metadata_items) {
        throw new OverQuota(`Quota exceeded for metadata_items: Maximum number of metadata items exceeds ${limits.metadata_items}`);
      }
      const room = await allowedInstances(tx, projectId, { cores: flavor.vcpus, ram: flavor.ramMb });
      const count = Math.min(maxCount, room);
      if (count < minCount) await throwOverQuota(tx, projectId, minCount, flavor);
      if (group) await checkGroupMembers(tx, group.id, limits.server_group_members, count);

      const rows: Instance[] = [];
      for (let i = 1; i <= count; i++) {
        const id = newId();
        const name = count > 1 ? `${input.name}-${i}` : input.name;
        const data: Prisma.InstanceUncheckedCreateInput = {
          id,
          name,
          description: input.description ?? null,
          projectId,
          userId: auth.userId,
          flavorId: flavor.id,
          imageId: image.id,
          keyName: key?.name ?? null,
          // Copied now: the metadata service and config drive serve it even after the key pair goes.
          keyData: key?.publicKey ?? null,
          launchIndex: i - 1,
          hostname: instanceHostname(name, id, input.name),
          availabilityZone: zone,
          vmState: VmState.Building,
          taskState: TaskState.Scheduling,
          vcpus: flavor.vcpus,
          memoryMb: flavor.ramMb,
          rootGb: flavor.diskGb,
          metadata,
          userData: input.user_data ?? null,
          networks: (input.networks ?? []) as Prisma.InputJsonValue,
          reservationId: reservation,
        };
        const row = await tx.instance.create({ data });
        if (group) await tx.serverGroupMember.create({ data: { instanceId: row.id, groupId: group.id } });
        await tx.instanceAction.create({
          data: { id: newId(), instanceId: row.id, action: 'create', requestId: ctx.requestId, userId: auth.userId, projectId },
        });
        rows.push(row);
      }
      return rows;
    },
    // Concurrent creates of one project queue on the quota lock; give them time to take turns.
    { maxWait: 30_000, timeout: 30_000 },
  );

  try {
    for (const row of instances) await ctx.jobs.schedule({ instanceId: row.id, attempt: 1, requestId: ctx.requestId });
  } catch (err) {
    await failUnscheduled(ctx, instances, err);
    throw new ServiceUnavailable('The scheduler could not be reached; the server was not created.', { cause: err });
  }
  ctx.log.info({ instances: instances.map((i) => i.id), reservation }, 'servers created');
  return { reservationId: reservation, instances, adminPass: input.adminPass ?? password(), securityGroups };
}

/** Names the first resource that does not fit, in Nova's words. */
async function throwOverQuota(tx: Prisma.TransactionClient, projectId: string, wanted: number, flavor: { vcpus: number; ramMb: number }): Promise<never> {
  await checkComputeQuota(tx, projectId, { instances: wanted, cores: wanted * flavor.vcpus, ram: wanted * flavor.ramMb });
  throw new OverQuota(`Quota exceeded for instances: Requested ${wanted}`);
}

/** The queue refused the job: the rows must not hold quota or sit in `scheduling` forever. */
async function failUnscheduled(ctx: RequestContext, instances: Instance[], err: unknown): Promise<void> {
  ctx.log.error({ err }, 'schedule enqueue failed');
  const now = new Date();
  await ctx.db.instance.updateMany({
    where: { id: { in: instances.map((i) => i.id) }, taskState: TaskState.Scheduling, nodeId: null },
    data: { vmState: VmState.Deleted, taskState: null, deletedAt: now, terminatedAt: now },
  });
}
