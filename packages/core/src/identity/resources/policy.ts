import { Unauthorized } from '@nimbus/shared';
import { authorize as enforce, can as allowed, type PolicyCredentials, type PolicyTarget } from '../../policy/index.js';
import type { AuthContext } from '../context.js';

/**
 * The policy credentials of a token. AuthContext.isAdmin ("holds admin somewhere") is not
 * oslo's is_admin (the admin_token bypass), so it is deliberately not passed on: the rules see
 * the roles of the token's own scope, as Keystone's do.
 */
function credentialsOf(auth: AuthContext): PolicyCredentials {
  return {
    userId: auth.userId,
    projectId: auth.projectId ?? null,
    domainId: auth.domainId ?? null,
    userDomainId: auth.userDomainId,
    projectDomainId: auth.projectDomainId ?? null,
    roles: auth.roles,
    applicationCredentialId: auth.applicationCredentialId ?? null,
  };
}

/** Keystone's enforcement for the identity resources: no token → 401, rule denies → 403. */
export function authorize(auth: AuthContext | null, rule: string, target: PolicyTarget): void {
  if (!auth) throw new Unauthorized('The request you have made requires authentication.');
  enforce(credentialsOf(auth), rule, target);
}

export function can(auth: AuthContext | null, rule: string, target: PolicyTarget): boolean {
  return auth !== null && allowed(credentialsOf(auth), rule, target);
}
