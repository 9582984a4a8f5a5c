import type { RoleAssignment } from '@nimbus/db';
import type { RequestContext } from '../context.js';
import { recordRevocation, type RevocationMatch } from '../revocation.js';
import { effectiveRoles } from '../roles.js';
import type { Tx } from './common.js';

type Grant = Pick<RoleAssignment, 'userId' | 'groupId' | 'targetType' | 'projectId' | 'domainId'>;

/**
 * The revocations that losing `grants` calls for: each affected user's tokens on the grant's
 * project or domain (a group grant reaches every member). Computed before the change commits,
 * since afterwards the group membership it depends on may be gone.
 */
export async function revocationsFor(db: Tx, grants: Grant[], onlyUserId?: string): Promise<RevocationMatch[]> {
  const groupIds = [...new Set(grants.map((g) => g.groupId).filter((id): id is string => id !== null))];
  const members = new Map<string, string[]>();
  if (groupIds.length) {
    for (const m of await db.groupMembership.findMany({ where: { groupId: { in: groupIds } } })) {
      members.set(m.groupId, [...(members.get(m.groupId) ?? []), m.userId]);
    }
  }
  const out = new Map<string, RevocationMatch>();
  for (const g of grants) {
    const users = g.userId ? [g.userId] : (members.get(g.groupId ?? '') ?? []);
    for (const userId of users) {
      if (onlyUserId !== undefined && userId !== onlyUserId) continue;
      const match: RevocationMatch =
        g.targetType === 'PROJECT' && g.projectId ? { userId, projectId: g.projectId } : { userId, domainId: g.domainId ?? undefined };
      out.set(JSON.stringify(match), match);
    }
  }
  return [...out.values()];
}

/**
 * Records the revocations, then does what Keystone does when a user loses their last role on a
 * project: deletes their application credentials for it (and revokes the tokens made with them).
 */
export async function recordAll(ctx: RequestContext, matches: RevocationMatch[], reason: string): Promise<void> {
  for (const match of matches) await recordRevocation(ctx, match, reason);
  for (const { userId, projectId } of matches) {
    if (!userId || !projectId) continue;
    const creds = await ctx.db.applicationCredential.findMany({ where: { userId, projectId }, select: { id: true, project: { select: { domainId: true } } } });
    if (creds.length === 0) continue;
    const domainId = creds[0]?.project.domainId ?? '';
    if ((await effectiveRoles(ctx.db, userId, { projectId, domainId })).length > 0) continue;
    await ctx.db.applicationCredential.deleteMany({ where: { id: { in: creds.map((c) => c.id) } } });
    for (const c of creds) await recordRevocation(ctx, { applicationCredentialId: c.id }, 'application credential owner lost its roles');
  }
}
