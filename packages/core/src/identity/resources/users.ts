import { z } from 'zod';
import { BadRequest, NotFound, Unauthorized, newId } from '@nimbus/shared';
import type { Group, Prisma, Project, User } from '@nimbus/db';
import type { RequestContext } from '../context.js';
import { hashPassword, verifyPassword } from '../password.js';
import { identityChanged, recordRevocation } from '../revocation.js';
import { authorize } from './policy.js';
import { duplicate, extraOf, inTransaction, pageArgs, parseInput, toPage, zDescription, zEnabled, zId, zName, zPage, type Page } from './common.js';
import { descendantIds, getDomainOr404, getUserOr404, targetOf } from './lookup.js';
import { defaultDomainId } from './projects.js';

const USER_COLUMNS = [
  'id', 'name', 'domain_id', 'password', 'enabled', 'email', 'description', 'default_project_id', 'options', 'links', 'password_expires_at',
] as const;

const zPassword = z.string().min(1, 'must not be empty').max(4096, 'must be at most 4096 characters');

export const ZCreateUserInput = z.looseObject({
  name: zName,
  domain_id: zId.nullish(),
  password: zPassword.nullish(),
  enabled: zEnabled.optional(),
  email: z.string().max(255).nullish(),
  description: zDescription.optional(),
  default_project_id: zId.nullish(),
  options: z.record(z.string(), z.unknown()).optional(),
});
export type CreateUserInput = z.input<typeof ZCreateUserInput>;

export const ZUpdateUserInput = z.looseObject({
  name: zName.optional(),
  domain_id: zId.optional(),
  password: zPassword.nullish(),
  enabled: zEnabled.optional(),
  email: z.string().max(255).nullish(),
  description: zDescription.optional(),
  default_project_id: zId.nullish(),
  options: z.record(z.string(), z.unknown()).optional(),
});
export type UpdateUserInput = z.input<typeof ZUpdateUserInput>;

export const ZListUsersInput = z.object({
  name: z.string().optional(),
  enabled: z.boolean().optional(),
  domain_id: z.string().optional(),
  ...zPage,
});
export type ListUsersInput = z.input<typeof ZListUsersInput>;

export const ZChangePasswordInput = z.object({
  original_password: z.string().max(4096),
  password: zPassword,
});
export type ChangePasswordInput = z.input<typeof ZChangePasswordInput>;

function userTarget(u: User) {
  return { target: { user: targetOf.user(u) }, user_id: u.id, domain_id: u.domainId };
}

/** Keystone rejects a default project that does not exist in the user's reach. */
async function checkDefaultProject(db: RequestContext['db'], projectId: string | null | undefined): Promise<void> {
  if (!projectId) return;
  const project = await db.project.findUnique({ where: { id: projectId }, select: { id: true } });
  if (!project) throw new NotFound(`Could not find project: ${projectId}.`);
}

export async function getUser(ctx: RequestContext, userId: string): Promise<User> {
  const user = await getUserOr404(ctx.db, userId);
  authorize(ctx.auth, 'identity:get_user', userTarget(user));
  return user;
}

export async function listUsers(ctx: RequestContext, rawInput: ListUsersInput = {}): Promise<Page<User>> {
  const input = parseInput(ZListUsersInput, rawInput);
  authorize(ctx.auth, 'identity:list_users', { ...(input.domain_id ? { domain_id: input.domain_id } : {}), target: {} });
  const rows = await ctx.db.user.findMany({
    where: {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
      ...(input.domain_id !== undefined ? { domainId: input.domain_id } : {}),
    },
    ...pageArgs(input),
  });
  return toPage(rows, input.limit);
}

export async function createUser(ctx: RequestContext, rawInput: CreateUserInput): Promise<User> {
  const input = parseInput(ZCreateUserInput, rawInput);
  const domainId = input.domain_id ?? defaultDomainId(ctx);
  const domain = await getDomainOr404(ctx.db, domainId);
  authorize(ctx.auth, 'identity:create_user', { target: { user: { name: input.name, domain_id: domain.id } }, domain_id: domain.id });
  await checkDefaultProject(ctx.db, input.default_project_id);
  // Hash outside the transaction: argon2 is deliberately slow and must not hold a connection.
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const user = await inTransaction(ctx, `Conflict occurred attempting to store user - Duplicate entry found with name ${input.name} at domain ID ${domain.id}.`, async (tx) => {
    if (await tx.user.findUnique({ where: { domainId_name: { domainId: domain.id, name: input.name } } })) {
      throw duplicate('user', `name ${input.name} at domain ID ${domain.id}`);
    }
    return tx.user.create({
      data: {
        id: newId(),
        name: input.name,
        domainId: domain.id,
        passwordHash,
        passwordChangedAt: passwordHash ? new Date() : null,
        enabled: input.enabled ?? true,
        email: input.email ?? null,
        description: input.description ?? '',
        defaultProjectId: input.default_project_id ?? null,
        extra: extraOf(input, USER_COLUMNS) as Prisma.InputJsonValue,
      },
    });
  });
  await identityChanged(ctx);
  return user;
}

export async function updateUser(ctx: RequestContext, userId: string, rawInput: UpdateUserInput): Promise<User> {
  const input = parseInput(ZUpdateUserInput, rawInput);
  const before = await getUserOr404(ctx.db, userId);
  authorize(ctx.auth, 'identity:update_user', userTarget(before));
  if (input.domain_id !== undefined && input.domain_id !== before.domainId) {
    throw new BadRequest("Invalid input for field 'domain_id': update of domain_id is not allowed.", { field: 'domain_id' });
  }
  await checkDefaultProject(ctx.db, input.default_project_id);
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  const name = input.name;
  const after = await inTransaction(ctx, `Conflict occurred attempting to store user - Duplicate entry found with name ${name ?? before.name}.`, async (tx) => {
    if (name !== undefined && name !== before.name) {
      const clash = await tx.user.findUnique({ where: { domainId_name: { domainId: before.domainId, name } } });
      if (clash) throw duplicate('user', `name ${name} at domain ID ${before.domainId}`);
    }
    const extra = extraOf(input, USER_COLUMNS);
    return tx.user.update({
      where: { id: userId },
      data: {
        ...(name !== undefined ? { name } : {}),
        ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
        ...(input.email !== undefined ? { email: input.email } : {}),
        ...(input.description !== undefined ? { description: input.description ?? '' } : {}),
        ...(input.default_project_id !== undefined ? { defaultProjectId: input.default_project_id } : {}),
        ...(input.password !== undefined
          ? { passwordHash: passwordHash ?? null, passwordChangedAt: new Date() }
          : {}),
        ...(Object.keys(extra).length ? { extra: { ...(before.extra as object), ...extra } as Prisma.InputJsonValue } : {}),
      },
    });
  });
  if (before.enabled && !after.enabled) {
    await recordRevocation(ctx, { userId }, 'user disabled');
  } else if (input.password !== undefined) {
    await recordRevocation(ctx, { userId }, 'password changed');
  } else {
    await identityChanged(ctx);
  }
  return after;
}

export async function deleteUser(ctx: RequestContext, userId: string): Promise<void> {
  const user = await getUserOr404(ctx.db, userId);
  authorize(ctx.auth, 'identity:delete_user', userTarget(user));
  await inTransaction(ctx, 'Conflict occurred attempting to delete user.', (tx) => tx.user.delete({ where: { id: userId } }));
  await recordRevocation(ctx, { userId }, 'user deleted');
}

/**
 * Self-service password change (`POST /v3/users/{id}/password`). Keystone runs it without a
 * token: knowing the original password is the authorization. Every token of the user dies.
 */
export async function changePassword(ctx: RequestContext, userId: string, rawInput: ChangePasswordInput): Promise<void> {
  const input = parseInput(ZChangePasswordInput, rawInput, 'user');
  const user = await ctx.db.user.findUnique({ where: { id: userId } });
  // An unknown user and a wrong password answer the same, so the call cannot probe for ids.
  if (!user || !user.enabled || !(await verifyPassword(user.passwordHash, input.original_password))) {
    throw new Unauthorized('The request you have made requires authentication.');
  }
  const passwordHash = await hashPassword(input.password);
  await ctx.db.user.update({ where: { id: userId }, data: { passwordHash, passwordChangedAt: new Date() } });
  await recordRevocation(ctx, { userId }, 'password changed');
}

/**
 * `GET /v3/users/{id}/projects`: every project the user holds a role on, directly, through a
 * group, or by inheritance from a domain or parent project.
 */
export async function listUserProjects(ctx: RequestContext, userId: string, filters: { enabled?: boolean; name?: string; domain_id?: string } = {}): Promise<Project[]> {
  const user = await getUserOr404(ctx.db, userId);
  authorize(ctx.auth, 'identity:list_user_projects', userTarget(user));
  const groupIds = (await ctx.db.groupMembership.findMany({ where: { userId }, select: { groupId: true } })).map((m) => m.groupId);
  const grants = await ctx.db.roleAssignment.findMany({
    where: { OR: [{ userId }, ...(groupIds.length ? [{ groupId: { in: groupIds } }] : [])] },
    select: { targetType: true, projectId: true, domainId: true, inherited: true },
  });
  const ids = new Set<string>();
  const inheritedDomains: string[] = [];
  for (const g of grants) {
    if (g.targetType === 'PROJECT' && g.projectId) {
      if (!g.inherited) ids.add(g.projectId);
      else for (const id of await descendantIds(ctx.db, g.projectId)) ids.add(id);
    } else if (g.targetType === 'DOMAIN' && g.domainId && g.inherited) {
      inheritedDomains.push(g.domainId);
    }
  }
  return ctx.db.project.findMany({
    where: {
      OR: [{ id: { in: [...ids] } }, ...(inheritedDomains.length ? [{ domainId: { in: inheritedDomains } }] : [])],
      ...(filters.enabled !== undefined ? { enabled: filters.enabled } : {}),
      ...(filters.name !== undefined ? { name: filters.name } : {}),
      ...(filters.domain_id !== undefined ? { domainId: filters.domain_id } : {}),
    },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
  });
}

/** `GET /v3/users/{id}/groups`. */
export async function listUserGroups(ctx: RequestContext, userId: string): Promise<Group[]> {
  const user = await getUserOr404(ctx.db, userId);
  authorize(ctx.auth, 'identity:list_groups_for_user', userTarget(user));
  return ctx.db.group.findMany({ where: { members: { some: { userId } } }, orderBy: [{ name: 'asc' }, { id: 'asc' }] });
}
