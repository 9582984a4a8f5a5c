import { NotFound, newId } from '@nimbus/shared';
import type { Prisma, Role } from '@nimbus/db';
import type { RequestContext } from '../context.js';
import { identityChanged } from '../revocation.js';
import { authorize } from './policy.js';
import { inTransaction } from './common.js';
import { getDomainOr404, getGroupOr404, getProjectOr404, getRoleOr404, getUserOr404, targetOf } from './lookup.js';
import { recordAll, revocationsFor } from './assignment-revocation.js';

export type GrantActor = { userId: string; groupId?: undefined } | { groupId: string; userId?: undefined };
export type GrantScope = { projectId: string; domainId?: undefined } | { domainId: string; projectId?: undefined };

export interface GrantRef {
  actor: GrantActor;
  scope: GrantScope;
  /** OS-INHERIT: the grant applies to the projects below the scope, not to the scope itself. */
  inherited?: boolean;
}

/** Loads actor and scope (404 naming the missing one) and builds Keystone's grant policy target. */
async function resolve(ctx: RequestContext, ref: GrantRef, role?: Role) {
  const target: Record<string, unknown> = {};
  const args: Record<string, unknown> = {};
  if (role) {
    target.role = targetOf.role(role);
    args.role_id = role.id;
  }
  if (ref.actor.userId !== undefined) {
    target.user = targetOf.user(await getUserOr404(ctx.db, ref.actor.userId));
    args.user_id = ref.actor.userId;
  } else {
    target.group = targetOf.group(await getGroupOr404(ctx.db, ref.actor.groupId));
    args.group_id = ref.actor.groupId;
  }
  if (ref.scope.projectId !== undefined) {
    target.project = targetOf.project(await getProjectOr404(ctx.db, ref.scope.projectId));
    args.project_id = ref.scope.projectId;
  } else {
    target.domain = targetOf.domain(await getDomainOr404(ctx.db, ref.scope.domainId));
    args.domain_id = ref.scope.domainId;
  }
  return { ...args, target };
}

function whereOf(ref: GrantRef): Prisma.RoleAssignmentWhereInput {
  return {
    actorType: ref.actor.userId !== undefined ? 'USER' : 'GROUP',
    userId: ref.actor.userId ?? null,
    groupId: ref.actor.groupId ?? null,
    targetType: ref.scope.projectId !== undefined ? 'PROJECT' : 'DOMAIN',
    projectId: ref.scope.projectId ?? null,
    domainId: ref.scope.domainId ?? null,
    inherited: ref.inherited ?? false,
  };
}

function notFound(ref: GrantRef, roleId: string): NotFound {
  const actor = ref.actor.userId ?? ref.actor.groupId;
  const scope = ref.scope.projectId ?? ref.scope.domainId;
  return new NotFound(`Could not find role assignment with role: ${roleId}, user or group: ${actor}, project, domain, or system: ${scope}.`);
}

/** `PUT .../roles/{role_id}`: idempotent, as in Keystone. */
export async function createGrant(ctx: RequestContext, ref: GrantRef, roleId: string): Promise<void> {
  const role = await getRoleOr404(ctx.db, roleId);
  authorize(ctx.auth, 'identity:create_grant', await resolve(ctx, ref, role));
  const where = whereOf(ref);
  await inTransaction(ctx, 'Conflict occurred attempting to store role assignment.', async (tx) => {
    // The unique index cannot stop duplicates (its NULL columns never compare equal), so two
    // identical PUTs racing are serialized on a lock keyed by the grant instead.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${JSON.stringify({ ...where, roleId })}))`;
    if (await tx.roleAssignment.findFirst({ where: { ...where, roleId } })) return;
    await tx.roleAssignment.create({
      data: {
        id: newId(),
        roleId,
        actorType: where.actorType as 'USER' | 'GROUP',
        userId: ref.actor.userId ?? null,
        groupId: ref.actor.groupId ?? null,
        targetType: where.targetType as 'PROJECT' | 'DOMAIN',
        projectId: ref.scope.projectId ?? null,
        domainId: ref.scope.domainId ?? null,
        inherited: ref.inherited ?? false,
      },
    });
  });
  await identityChanged(ctx);
}

/** `HEAD`/`GET .../roles/{role_id}`: 204 when granted, 404 otherwise. */
export async function checkGrant(ctx: RequestContext, ref: GrantRef, roleId: string): Promise<void> {
  const role = await getRoleOr404(ctx.db, roleId);
  authorize(ctx.auth, 'identity:check_grant', await resolve(ctx, ref, role));
  const found = await ctx.db.roleAssignment.findFirst({ where: { ...whereOf(ref), roleId } });
  if (!found) throw notFound(ref, roleId);
}

/** `DELETE .../roles/{role_id}`: the actor's tokens on the scope die with the grant. */
export async function deleteGrant(ctx: RequestContext, ref: GrantRef, roleId: string): Promise<void> {
  const role = await getRoleOr404(ctx.db, roleId);
  authorize(ctx.auth, 'identity:revoke_grant', await resolve(ctx, ref, role));
  const matches = await inTransaction(ctx, 'Conflict occurred attempting to delete role assignment.', async (tx) => {
    const grant = await tx.roleAssignment.findFirst({ where: { ...whereOf(ref), roleId } });
    if (!grant) throw notFound(ref, roleId);
    const matches = await revocationsFor(tx, [grant]);
    await tx.roleAssignment.delete({ where: { id: grant.id } });
    return matches;
  });
  await recordAll(ctx, matches, 'role assignment removed');
  await identityChanged(ctx);
}

/** `GET /v3/{projects|domains}/{id}/{users|groups}/{id}/roles`: the roles granted directly. */
export async function listGrants(ctx: RequestContext, ref: GrantRef): Promise<Role[]> {
  authorize(ctx.auth, 'identity:list_grants', await resolve(ctx, ref));
  const rows = await ctx.db.roleAssignment.findMany({ where: whereOf(ref), include: { role: true } });
  return rows.map((r) => r.role).sort((a, b) => a.name.localeCompare(b.name));
}
