import type { PolicyCreds } from './evaluate.js';

/**
 * Who is asking, as the surfaces (REST, tRPC, console) know it from the validated token.
 * `roles` must be the effective role names of the token's scope with implied roles expanded
 * (admin ⇒ member ⇒ reader), exactly as a Keystone token lists them: the default rules rely on
 * `role:reader` matching a member or an admin.
 */
export interface PolicyCredentials {
  userId: string;
  /** Project the token is scoped to; absent for unscoped and domain-scoped tokens. */
  projectId?: string | null;
  /** Domain the token is scoped to (domain-scoped tokens only). */
  domainId?: string | null;
  userDomainId?: string | null;
  projectDomainId?: string | null;
  roles: readonly string[];
  applicationCredentialId?: string | null;
  /** oslo.context's is_admin (Keystone's admin_token); not the same as holding the admin role. */
  isAdmin?: boolean;
  /** oslo.context's is_admin_project; true unless an admin project is configured (oslo's default). */
  isAdminProject?: boolean;
  /** `all` for system-scoped tokens. */
  systemScope?: string | null;
}

/** The snake_case view the rules see (`project_id:%(project_id)s` reads `project_id` here). */
export function toPolicyCreds(ctx: PolicyCredentials): PolicyCreds {
  const creds: Record<string, unknown> = {
    user_id: ctx.userId,
    roles: ctx.roles,
    is_admin: ctx.isAdmin ?? false,
    is_admin_project: ctx.isAdminProject ?? true,
  };
  const optional: Record<string, string | null | undefined> = {
    project_id: ctx.projectId,
    domain_id: ctx.domainId,
    user_domain_id: ctx.userDomainId,
    project_domain_id: ctx.projectDomainId,
    application_credential_id: ctx.applicationCredentialId,
    system_scope: ctx.systemScope,
  };
  for (const [key, value] of Object.entries(optional)) if (value != null) creds[key] = value;
  return creds;
}
