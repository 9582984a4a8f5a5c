import { z } from 'zod';
import { Forbidden, NotFound, newId } from '@nimbus/shared';
import type { Role } from '@nimbus/db';
import type { RequestContext } from '../context.js';
import { identityChanged, recordRevocation } from '../revocation.js';
import { authorize } from './policy.js';
import { duplicate, inTransaction, pageArgs, parseInput, toPage, zDescription, zName, zPage, type Page } from './common.js';
import { getRoleOr404, targetOf } from './lookup.js';
import { recordAll, revocationsFor } from './assignment-revocation.js';

export const ZCreateRoleInput = z.looseObject({
  name: zName,
  description: zDescription.optional(),
  domain_id: z.null().optional(),
  options: z.record(z.string(), z.unknown()).optional(),
});
export type CreateRoleInput = z.input<typeof ZCreateRoleInput>;

export const ZUpdateRoleInput = z.looseObject({
  name: zName.optional(),
  description: zDescription.optional(),
  options: z.record(z.string(), z.unknown()).optional(),
});
export type UpdateRoleInput = z.input<typeof ZUpdateRoleInput>;

export const ZListRolesInput = z.object({ name: z.string().optional(), domain_id: z.string().optional(), ...zPage });
export type ListRolesInput = z.input<typeof ZListRolesInput>;

/** Keystone's `[assignment] prohibited_implied_role` default: nothing may imply admin. */
const PROHIBITED_IMPLIED_ROLES = ['admin'];

export async function getRole(ctx: RequestContext, roleId: string): Promise<Role> {
  const role = await getRoleOr404(ctx.db, roleId);
  authorize(ctx.auth, 'identity:get_role', { target: { role: targetOf.role(role) }, role_id: role.id });
  return role;
}

export async function listRoles(ctx: RequestContext, rawInput: ListRolesInput = {}): Promise<Page<Role>> {
  const input = parseInput(ZListRolesInput, rawInput);
  authorize(ctx.auth, 'identity:list_roles', { target: {} });
  // Every nimbus role is global; domain-specific roles (domain_id=...) do not exist.
  if (input.domain_id) return { items: [], nextMarker: null };
  const rows = await ctx.db.role.findMany({ where: input.name !== undefined ? { name: input.name } : {}, ...pageArgs(input) });
  return toPage(rows, input.limit);
}

export async function createRole(ctx: RequestContext, rawInput: CreateRoleInput): Promise<Role> {
  const input = parseInput(ZCreateRoleInput, rawInput);
  authorize(ctx.auth, 'identity:create_role', { target: { role: { name: input.name, domain_id: null } } });
  const role = await inTransaction(ctx, `Conflict occurred attempting to store role - Duplicate entry found with name ${input.name}.`, async (tx) => {
    if (await tx.role.findUnique({ where: { name: input.name } })) throw duplicate('role', `name ${input.name}`);
    return tx.role.create({ data: { id: newId(), name: input.name, description: input.description ?? '' } });
  });
  await identityChanged(ctx);
  return role;
}

export async function updateRole(ctx: RequestContext, roleId: string, rawInput: UpdateRoleInput): Promise<Role> {
  const input = parseInput(ZUpdateRoleInput, rawInput);
  const before = await getRoleOr404(ctx.db, roleId);
  authorize(ctx.auth, 'identity:update_role', { target: { role: targetOf.role(before) }, role_id: roleId });
  const name = input.name;
  const role = await inTransaction(ctx, `Conflict occurred attempting to store role - Duplicate entry found with name ${name ?? before.name}.`, async (tx) => {
    if (name !== undefined && name !== before.name && (await tx.role.findUnique({ where: { name } }))) {
      throw duplicate('role', `name ${name}`);
    }
    return tx.role.update({
      where: { id: roleId },
      data: {
        ...(name !== undefined ? { name } : {}),
        ...(input.description !== undefined ? { description: input.description ?? '' } : {}),
      },
    });
  });
  await identityChanged(ctx);
  return role;
}

/** Deleting a role removes every grant of it, so every token that held it through a grant dies. */
export async function deleteRole(ctx: RequestContext, roleId: string): Promise<void> {
  const role = await getRoleOr404(ctx.db, roleId);
  authorize(ctx.auth, 'identity:delete_role', { target: { role: targetOf.role(role) }, role_id: roleId });
  const { matches, appCredIds } = await inTransaction(ctx, 'Conflict occurred attempting to delete role.', async (tx) => {
    const grants = await tx.roleAssignment.findMany({ where: { roleId } });
    const matches = await revocationsFor(tx, grants);
    const appCreds = await tx.applicationCredentialRole.findMany({ where: { roleId }, select: { applicationCredentialId: true } });
    await tx.role.delete({ where: { id: roleId } });
    return { matches, appCredIds: appCreds.map((a) => a.applicationCredentialId) };
  });
  await recordAll(ctx, matches, 'role deleted');
  for (const applicationCredentialId of appCredIds) await recordRevocation(ctx, { applicationCredentialId }, 'role deleted');
  await identityChanged(ctx);
}

// ---------------------------------------------------------------- implied roles

export interface RoleInference {
  prior: Role;
  implies: Role[];
}

function inferenceTarget(prior: Role, implied?: Role) {
  return {
    prior_role_id: prior.id,
    ...(implied ? { implied_role_id: implied.id } : {}),
    target: { prior_role: targetOf.role(prior), ...(implied ? { implied_role: targetOf.role(implied) } : {}) },
  };
}

export async function createImpliedRole(ctx: RequestContext, priorRoleId: string, impliedRoleId: string): Promise<{ prior: Role; implied: Role }> {
  const prior = await getRoleOr404(ctx.db, priorRoleId);
  const implied = await getRoleOr404(ctx.db, impliedRoleId);
  authorize(ctx.auth, 'identity:create_implied_role', inferenceTarget(prior, implied));
  if (PROHIBITED_IMPLIED_ROLES.includes(implied.name)) throw new Forbidden(`${implied.name} is not permitted to be an implied role`);
  await ctx.db.impliedRole.upsert({
    where: { priorRoleId_impliedRoleId: { priorRoleId, impliedRoleId } },
    create: { priorRoleId, impliedRoleId },
    update: {},
  });
  await identityChanged(ctx);
  return { prior, implied };
}

async function impliedRuleOr404(ctx: RequestContext, priorRoleId: string, impliedRoleId: string) {
  const rule = await ctx.db.impliedRole.findUnique({ where: { priorRoleId_impliedRoleId: { priorRoleId, impliedRoleId } } });
  if (!rule) throw new NotFound(`${priorRoleId} does not imply ${impliedRoleId}.`);
  return rule;
}

/** `GET`/`HEAD /v3/roles/{prior}/implies/{implied}`. */
export async function getImpliedRole(ctx: RequestContext, priorRoleId: string, impliedRoleId: string, rule: 'get' | 'check' = 'get'): Promise<{ prior: Role; implied: Role }> {
  const prior = await getRoleOr404(ctx.db, priorRoleId);
  const implied = await getRoleOr404(ctx.db, impliedRoleId);
  authorize(ctx.auth, rule === 'get' ? 'identity:get_implied_role' : 'identity:check_implied_role', inferenceTarget(prior, implied));
  await impliedRuleOr404(ctx, priorRoleId, impliedRoleId);
  return { prior, implied };
}

export async function deleteImpliedRole(ctx: RequestContext, priorRoleId: string, impliedRoleId: string): Promise<void> {
  const prior = await getRoleOr404(ctx.db, priorRoleId);
  const implied = await getRoleOr404(ctx.db, impliedRoleId);
  authorize(ctx.auth, 'identity:delete_implied_role', inferenceTarget(prior, implied));
  await impliedRuleOr404(ctx, priorRoleId, impliedRoleId);
  await ctx.db.impliedRole.delete({ where: { priorRoleId_impliedRoleId: { priorRoleId, impliedRoleId } } });
  // Holders of the prior role lose the implied one; their tokens are judged afresh on next use.
  const grants = await ctx.db.roleAssignment.findMany({ where: { roleId: priorRoleId } });
  await recordAll(ctx, await revocationsFor(ctx.db, grants), 'implied role removed');
  await identityChanged(ctx);
}

/** `GET /v3/roles/{prior}/implies`: the roles it directly implies. */
export async function listImpliedRoles(ctx: RequestContext, priorRoleId: string): Promise<RoleInference> {
  const prior = await getRoleOr404(ctx.db, priorRoleId);
  authorize(ctx.auth, 'identity:list_implied_roles', inferenceTarget(prior));
  const rules = await ctx.db.impliedRole.findMany({ where: { priorRoleId }, include: { implied: true } });
  return { prior, implies: rules.map((r) => r.implied).sort((a, b) => a.name.localeCompare(b.name)) };
}

/** `GET /v3/role_inferences`: every prior role with what it directly implies. */
export async function listRoleInferences(ctx: RequestContext): Promise<RoleInference[]> {
  authorize(ctx.auth, 'identity:list_role_inference_rules', { target: {} });
  const rules = await ctx.db.impliedRole.findMany({ include: { prior: true, implied: true } });
  const byPrior = new Map<string, RoleInference>();
  for (const r of rules) {
    const entry = byPrior.get(r.priorRoleId) ?? { prior: r.prior, implies: [] };
    entry.implies.push(r.implied);
    byPrior.set(r.priorRoleId, entry);
  }
  return [...byPrior.values()].sort((a, b) => a.prior.name.localeCompare(b.prior.name));
}
