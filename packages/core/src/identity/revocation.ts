import { newId } from '@nimbus/shared';
import type { RequestContext } from './context.js';
import { bumpGeneration } from './generation.js';

/** The fields a revocation event may match on; every field set must equal the token's. */
export interface RevocationMatch {
  userId?: string;
  projectId?: string;
  domainId?: string;
  auditId?: string;
  applicationCredentialId?: string;
}

export interface RevocationRecord extends RevocationMatch {
  issuedBefore: Date;
}

/** The token facts revocation is judged on. */
export interface RevocableToken {
  userId: string;
  userDomainId: string;
  projectId?: string;
  projectDomainId?: string;
  domainId?: string;
  auditIds: string[];
  applicationCredentialId?: string;
  issuedAt: Date;
}

export function matchesToken(event: RevocationRecord, token: RevocableToken): boolean {
  // Millisecond precision (Keystone's is whole seconds, which also kills tokens issued just after
  // the event in the same second: a user re-authenticating right after a password change).
  if (token.issuedAt.getTime() > event.issuedBefore.getTime()) return false;
  if (event.userId !== undefined && event.userId !== token.userId) return false;
  if (event.projectId !== undefined && event.projectId !== token.projectId) return false;
  if (
    event.domainId !== undefined &&
    event.domainId !== token.domainId &&
    event.domainId !== token.userDomainId &&
    event.domainId !== token.projectDomainId
  ) {
    return false;
  }
  if (event.auditId !== undefined && !token.auditIds.includes(event.auditId)) return false;
  if (
    event.applicationCredentialId !== undefined &&
    event.applicationCredentialId !== token.applicationCredentialId
  ) {
    return false;
  }
  return true;
}

/**
 * Records that every token matching `match` and issued up to now is revoked, and tells every
 * process (generation bump). `expiresAt` lets the cleanup drop the event once no token it could
 * match is still alive.
 */
export async function recordRevocation(
  ctx: Pick<RequestContext, 'db' | 'redis' | 'keyPrefix'>,
  match: RevocationMatch,
  reason: string,
  tokenLifetimeSeconds = 7 * 24 * 3600,
): Promise<void> {
  const now = new Date();
  await ctx.db.revocationEvent.create({
    data: {
      id: newId(),
      ...match,
      issuedBefore: now,
      expiresAt: new Date(now.getTime() + tokenLifetimeSeconds * 1000),
      reason,
    },
  });
  await bumpGeneration(ctx.redis, ctx.keyPrefix);
}

/** Notes an identity change that is not a revocation (names, catalog, assignments added). */
export async function identityChanged(ctx: Pick<RequestContext, 'redis' | 'keyPrefix'>): Promise<void> {
  await bumpGeneration(ctx.redis, ctx.keyPrefix);
}
