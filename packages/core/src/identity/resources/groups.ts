import { z } from 'zod';
import { BadRequest, NotFound, newId } from '@nimbus/shared';
import type { Group, User } from '@nimbus/db';
import type { RequestContext } from '../context.js';
import { identityChanged } from '../revocation.js';
import { authorize } from './policy.js';
import { duplicate, inTransaction, pageArgs, parseInput, toPage, zDescription, zId, zName, zPage, type Page } from './common.js';
import { getDomainOr404, getGroupOr404, getUserOr404, targetOf } from './lookup.js';
import { defaultDomainId } from './projects.js';
import { recordAll, revocationsFor } from './assignment-revocation.js';

export const ZCreateGroupInput = z.object({
  name: zName,
  domain_id: zId.nullish(),
  description: zDescription.optional(),
});
export type CreateGroupInput = z.input<typeof ZCreateGroupInput>;

export const ZUpdateGroupInput = z.object({
  name: zName.optional(),
  domain_id: zId.optional(),
  description: zDescription.optional(),
});
export type UpdateGroupInput = z.input<typeof ZUpdateGroupInput>;

export const ZListGroupsInput = z.object({ name: z.string().optional(), domain_id: z.string().optional(), ...zPage });
export type ListGroupsInput = z.input<typeof ZListGroupsInput>;

function groupTarget(g: Group, u?: User) {
  return {
    target: { group: targetOf.group(g), ...(u ? { user: targetOf.user(u) } : {}) },
    group_id: g.id,
    domain_id: g.domainId,
    ...(u ? { user_id: u.id } : {}),
  };
}

export async function getGroup(ctx: RequestContext, groupId: string): Promise<Group> {
  const group = await getGroupOr404(ctx.db, groupId);
  authorize(ctx.auth, 'identity:get_group', groupTarget(group));
  return group;
}

export async function listGroups(ctx: RequestContext, rawInput: ListGroupsInput = {}): Promise<Page<Group>> {
  const input = parseInput(ZListGroupsInput, rawInput);
  authorize(ctx.auth, 'identity:list_groups', { ...(input.domain_id ? { domain_id: input.domain_id } : {}), target: {} });
  const rows = await ctx.db.group.findMany({
    where: {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.domain_id !== undefined ? { domainId: input.domain_id } : {}),
    },
    ...pageArgs(input),
  });
  return toPage(rows, input.limit);
}

export async function createGroup(ctx: RequestContext, rawInput: CreateGroupInput): Promise<Group> {
  const input = parseInput(ZCreateGroupInput, rawInput);
  const domain = await getDomainOr404(ctx.db, input.domain_id ?? defaultDomainId(ctx));
  authorize(ctx.auth, 'identity:create_group', { target: { group: { name: input.name, domain_id: domain.id } }, domain_id: domain.id });
  const group = await inTransaction(ctx, `Conflict occurred attempting to store group - Duplicate entry found with name ${input.name}.`, async (tx) => {
    if (await tx.group.findUnique({ where: { domainId_name: { domainId: domain.id, name: input.name } } })) {
      throw duplicate('group', `name ${input.name} at domain ID ${domain.id}`);
    }
    return tx.group.create({ data: { id: newId(), name: input.name, domainId: domain.id, description: input.description ?? '' } });
  });
  await identityChanged(ctx);
  return group;
}

export async function updateGroup(ctx: RequestContext, groupId: string, rawInput: UpdateGroupInput): Promise<Group> {
  const input = parseInput(ZUpdateGroupInput, rawInput);
  const before = await getGroupOr404(ctx.db, groupId);
  authorize(ctx.auth, 'identity:update_group', groupTarget(before));
  if (input.domain_id !== undefined && input.domain_id !== before.domainId) {
    throw new BadRequest("Invalid input for field 'domain_id': update of domain_id is not allowed.", { field: 'domain_id' });
  }
  const name = input.name;
  const after = await inTransaction(ctx, `Conflict occurred attempting to store group - Duplicate entry found with name ${name ?? before.name}.`, async (tx) => {
    if (name !== undefined && name !== before.name) {
      if (await tx.group.findUnique({ where: { domainId_name: { domainId: before.domainId, name } } })) {
        throw duplicate('group', `name ${name} at domain ID ${before.domainId}`);
      }
    }
    return tx.group.update({
      where: { id: groupId },
      data: {
        ...(name !== undefined ? { name } : {}),
        ...(input.description !== undefined ? { description: input.description ?? '' } : {}),
      },
    });
  });
  await identityChanged(ctx);
  return after;
}

/** Deleting a group takes its grants from every member, so their tokens on those scopes die. */
export async function deleteGroup(ctx: RequestContext, groupId: string): Promise<void> {
  const group = await getGroupOr404(ctx.db, groupId);
  authorize(ctx.auth, 'identity:delete_group', groupTarget(group));
  const matches = await inTransaction(ctx, 'Conflict occurred attempting to delete group.', async (tx) => {
    const matches = await revocationsFor(tx, await tx.roleAssignment.findMany({ where: { groupId } }));
    await tx.group.delete({ where: { id: groupId } });
    return matches;
  });
  await recordAll(ctx, matches, 'group deleted');
  await identityChanged(ctx);
}

// ---------------------------------------------------------------- membership

async function groupAndUser(ctx: RequestContext, groupId: string, userId: string) {
  const group = await getGroupOr404(ctx.db, groupId);
  const user = await getUserOr404(ctx.db, userId);
  return { group, user };
}

export async function addUserToGroup(ctx: RequestContext, groupId: string, userId: string): Promise<void> {
  const { group, user } = await groupAndUser(ctx, groupId, userId);
  authorize(ctx.auth, 'identity:add_user_to_group', groupTarget(group, user));
  await ctx.db.groupMembership.upsert({ where: { groupId_userId: { groupId, userId } }, create: { groupId, userId }, update: {} });
  await identityChanged(ctx);
}

export async function checkUserInGroup(ctx: RequestContext, groupId: string, userId: string): Promise<void> {
  const { group, user } = await groupAndUser(ctx, groupId, userId);
  authorize(ctx.auth, 'identity:check_user_in_group', groupTarget(group, user));
  const found = await ctx.db.groupMembership.findUnique({ where: { groupId_userId: { groupId, userId } } });
  if (!found) throw new NotFound(`User '${userId}' not found in group '${groupId}'`);
}

/** The user loses what the group granted: their tokens on those projects and domains die. */
export async function removeUserFromGroup(ctx: RequestContext, groupId: string, userId: string): Promise<void> {
  const { group, user } = await groupAndUser(ctx, groupId, userId);
  authorize(ctx.auth, 'identity:remove_user_from_group', groupTarget(group, user));
  const matches = await inTransaction(ctx, 'Conflict occurred attempting to remove group membership.', async (tx) => {
    const found = await tx.groupMembership.findUnique({ where: { groupId_userId: { groupId, userId } } });
    if (!found) throw new NotFound(`User '${userId}' not found in group '${groupId}'`);
    const matches = await revocationsFor(tx, await tx.roleAssignment.findMany({ where: { groupId } }), userId);
    await tx.groupMembership.delete({ where: { groupId_userId: { groupId, userId } } });
    return matches;
  });
  await recordAll(ctx, matches, 'group membership removed');
  await identityChanged(ctx);
}

export async function listUsersInGroup(ctx: RequestContext, groupId: string, filters: { name?: string; enabled?: boolean } = {}): Promise<User[]> {
  const group = await getGroupOr404(ctx.db, groupId);
  authorize(ctx.auth, 'identity:list_users_in_group', groupTarget(group));
  return ctx.db.user.findMany({
    where: {
      memberships: { some: { groupId } },
      ...(filters.name !== undefined ? { name: filters.name } : {}),
      ...(filters.enabled !== undefined ? { enabled: filters.enabled } : {}),
    },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
  });
}
