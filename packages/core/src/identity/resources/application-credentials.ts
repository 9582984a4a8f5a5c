import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { BadRequest, Forbidden, NotFound, newId } from '@nimbus/shared';
import type { ApplicationCredential, PrismaClient, Project, Role, User } from '@nimbus/db';
import type { RequestContext } from '../context.js';
import { requireAuth } from '../context.js';
import { hashPassword, verifyPassword } from '../password.js';
import { identityChanged, recordRevocation } from '../revocation.js';
import { authorize } from './policy.js';
import { duplicate, inTransaction, parseInput, zDescription, zName } from './common.js';
import { getUserOr404 } from './lookup.js';

const zRoleRef = z
  .object({ id: z.string().min(1).optional(), name: z.string().min(1).optional() })
  .refine((r) => r.id !== undefined || r.name !== undefined, 'a role needs an id or a name');

export const ZCreateApplicationCredentialInput = z.object({
  name: zName,
  description: zDescription.optional(),
  secret: z.string().min(1, 'must not be empty').max(4096).nullish(),
  expires_at: z.iso.datetime({ offset: true, local: true }).nullish(),
  roles: z.array(zRoleRef).optional(),
  unrestricted: z.boolean().optional(),
  access_rules: z.array(z.unknown()).max(0, 'access rules are not supported').optional(),
});
export type CreateApplicationCredentialInput = z.input<typeof ZCreateApplicationCredentialInput>;

export type ApplicationCredentialWithRoles = ApplicationCredential & { roles: Role[] };

/** The create response is the only time the secret is ever shown. */
export type CreatedApplicationCredential = ApplicationCredentialWithRoles & { secret: string };

/** 64 URL-safe characters (48 random bytes). */
export function generateSecret(): string {
  return randomBytes(48).toString('base64url');
}

function withRoles(row: ApplicationCredential & { roles: Array<{ role: Role }> }): ApplicationCredentialWithRoles {
  const { roles, ...rest } = row;
  return { ...rest, roles: roles.map((r) => r.role).sort((a, b) => a.name.localeCompare(b.name)) };
}

function ownerTarget(userId: string, cred?: ApplicationCredential) {
  return {
    user_id: userId,
    target: { user: { id: userId }, ...(cred ? { application_credential: { id: cred.id, user_id: cred.userId, project_id: cred.projectId } } : {}) },
  };
}

/** ISO 8601 without a zone is UTC, as Keystone reads it. */
function parseExpiry(value: string): Date {
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`);
}

export async function createApplicationCredential(
  ctx: RequestContext,
  userId: string,
  rawInput: CreateApplicationCredentialInput,
): Promise<CreatedApplicationCredential> {
  const input = parseInput(ZCreateApplicationCredentialInput, rawInput);
  const auth = requireAuth(ctx);
  await getUserOr404(ctx.db, userId);
  authorize(ctx.auth, 'identity:create_application_credential', ownerTarget(userId));
  if (auth.applicationCredentialId) {
    const own = await ctx.db.applicationCredential.findUnique({ where: { id: auth.applicationCredentialId } });
    if (!own?.unrestricted) {
      throw new Forbidden("Using method 'application_credential' is not allowed for managing additional application credentials.");
    }
  }
  if (auth.userId !== userId) {
    throw new Forbidden('You are not authorized to perform the requested action: Cannot create an application credential for another user.');
  }
  if (!auth.projectId) {
    throw new BadRequest('Invalid application credential: application credentials must be created with a project-scoped token.');
  }
  const expiresAt = input.expires_at ? parseExpiry(input.expires_at) : null;
  if (expiresAt && expiresAt.getTime() <= Date.now()) {
    throw new BadRequest("Invalid input for field 'expires_at': the expiration date must not be in the past.", { field: 'expires_at' });
  }
  const roleIds = await resolveRoles(ctx, input.roles, auth.roleIds);
  const secret = input.secret ?? generateSecret();
  const secretHash = await hashPassword(secret);
  const projectId = auth.projectId;
  const created = await inTransaction(ctx, `Conflict occurred attempting to store application_credential - Duplicate entry found with name ${input.name}.`, async (tx) => {
    if (await tx.applicationCredential.findUnique({ where: { userId_name: { userId, name: input.name } } })) {
      throw duplicate('application_credential', `name ${input.name}`);
    }
    return tx.applicationCredential.create({
      data: {
        id: newId(),
        name: input.name,
        description: input.description ?? '',
        userId,
        projectId,
        secretHash,
        unrestricted: input.unrestricted ?? false,
        expiresAt,
        roles: { create: roleIds.map((roleId) => ({ roleId })) },
      },
      include: { roles: { include: { role: true } } },
    });
  });
  await identityChanged(ctx);
  return { ...withRoles(created), secret };
}

/**
 * The credential's roles: by default every role of the creating token; a requested role must be
 * one of them, else Keystone's 400 "Cannot create an application credential with unassigned role".
 */
async function resolveRoles(ctx: RequestContext, requested: Array<{ id?: string | undefined; name?: string | undefined }> | undefined, tokenRoleIds: string[]): Promise<string[]> {
  if (!requested?.length) return [...new Set(tokenRoleIds)];
  const out = new Set<string>();
  for (const ref of requested) {
    const role = ref.id
      ? await ctx.db.role.findUnique({ where: { id: ref.id } })
      : await ctx.db.role.findUnique({ where: { name: ref.name ?? '' } });
    if (!role) throw new NotFound(`Could not find role: ${ref.id ?? ref.name}.`);
    if (!tokenRoleIds.includes(role.id)) {
      throw new BadRequest('Invalid application credential: Cannot create an application credential with unassigned role');
    }
    out.add(role.id);
  }
  return [...out];
}

export async function listApplicationCredentials(ctx: RequestContext, userId: string, filters: { name?: string } = {}): Promise<ApplicationCredentialWithRoles[]> {
  authorize(ctx.auth, 'identity:list_application_credentials', ownerTarget(userId));
  await getUserOr404(ctx.db, userId);
  const rows = await ctx.db.applicationCredential.findMany({
    where: { userId, ...(filters.name !== undefined ? { name: filters.name } : {}) },
    include: { roles: { include: { role: true } } },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
  });
  return rows.map(withRoles);
}

/** Another user's credential looks like no credential at all: 404, never 403, so ids cannot be probed. */
async function ownCredentialOr404(ctx: RequestContext, userId: string, credentialId: string) {
  const row = await ctx.db.applicationCredential.findUnique({ where: { id: credentialId }, include: { roles: { include: { role: true } } } });
  if (!row || row.userId !== userId) throw new NotFound(`Could not find Application Credential: ${credentialId}.`);
  return withRoles(row);
}

export async function getApplicationCredential(ctx: RequestContext, userId: string, credentialId: string): Promise<ApplicationCredentialWithRoles> {
  authorize(ctx.auth, 'identity:get_application_credential', ownerTarget(userId));
  const cred = await ownCredentialOr404(ctx, userId, credentialId);
  authorize(ctx.auth, 'identity:get_application_credential', ownerTarget(userId, cred));
  return cred;
}

export async function deleteApplicationCredential(ctx: RequestContext, userId: string, credentialId: string): Promise<void> {
  authorize(ctx.auth, 'identity:delete_application_credential', ownerTarget(userId));
  const cred = await ownCredentialOr404(ctx, userId, credentialId);
  authorize(ctx.auth, 'identity:delete_application_credential', ownerTarget(userId, cred));
  const auth = requireAuth(ctx);
  if (auth.applicationCredentialId) {
    const own = await ctx.db.applicationCredential.findUnique({ where: { id: auth.applicationCredentialId } });
    if (!own?.unrestricted) {
      throw new Forbidden("Using method 'application_credential' is not allowed for managing additional application credentials.");
    }
  }
  await ctx.db.applicationCredential.delete({ where: { id: credentialId } });
  await recordRevocation(ctx, { applicationCredentialId: credentialId }, 'application credential deleted');
}

export interface VerifiedApplicationCredential {
  credential: ApplicationCredential;
  roles: Role[];
  user: User;
  project: Project;
}

/**
 * For the auth code: the credential named by id (or by name + owning user) when `secret` matches
 * and it has not expired; otherwise null. Whether user and project are enabled, and whether the
 * user still holds the roles, is the caller's judgement.
 */
export async function verifyApplicationCredential(
  db: PrismaClient,
  ref: { id: string } | { name: string; userId: string },
  secret: string,
): Promise<VerifiedApplicationCredential | null> {
  const include = { roles: { include: { role: true } }, user: true, project: true } as const;
  const row =
    'id' in ref
      ? await db.applicationCredential.findUnique({ where: { id: ref.id }, include })
      : await db.applicationCredential.findUnique({ where: { userId_name: { userId: ref.userId, name: ref.name } }, include });
  if (!row) return null;
  if (row.expiresAt && row.expiresAt.getTime() <= Date.now()) return null;
  if (!(await verifyPassword(row.secretHash, secret))) return null;
  const { roles, user, project, ...credential } = row;
  return { credential, roles: roles.map((r) => r.role), user, project };
}
