import { ops, reads, type RuleDefault } from '../rule-default.js';

/**
 * Keystone's rule names (identity:<verb>_<resource>) so operators can reuse their policy files.
 * Targets follow Keystone's flattened form: the resource acted on is under `target.<kind>`
 * (`target.project.id`, `target.user.id`, `target.domain.id`, `target.token.user_id`).
 * nimbus has no system scope: the admin role (on any project) is the cloud admin.
 */

const ADMIN = 'rule:admin_required';
const SELF = 'user_id:%(target.user.id)s';
const ADMIN_OR_SELF = `${ADMIN} or ${SELF}`;
const ANY_TOKEN = '';

const grantPaths = [
  '/v3/projects/{project_id}/users/{user_id}/roles/{role_id}',
  '/v3/projects/{project_id}/groups/{group_id}/roles/{role_id}',
  '/v3/domains/{domain_id}/users/{user_id}/roles/{role_id}',
  '/v3/domains/{domain_id}/groups/{group_id}/roles/{role_id}',
];
const grantListPaths = grantPaths.map((p) => p.replace('/{role_id}', ''));
const method = (m: string, paths: string[]): string[] => paths.map((p) => `${m} ${p}`);

const admin = (name: string, description: string, operations: RuleDefault['operations']): RuleDefault => ({
  name: `identity:${name}`,
  checkStr: ADMIN,
  description,
  operations,
});

export const identityRules: readonly RuleDefault[] = [
  // projects
  {
    name: 'identity:get_project',
    checkStr: `${ADMIN} or (role:reader and project_id:%(target.project.id)s)`,
    description: 'Show project details. Readers of the project (members and admins too, through implied roles) may read it.',
    operations: reads('/v3/projects/{project_id}'),
  },
  admin('list_projects', 'List all projects. Users see their own through list_user_projects or /v3/auth/projects.', reads('/v3/projects')),
  {
    name: 'identity:list_user_projects',
    checkStr: ADMIN_OR_SELF,
    description: 'List the projects a user has a role on.',
    operations: reads('/v3/users/{user_id}/projects'),
  },
  admin('create_project', 'Create a project.', ops('POST /v3/projects')),
  admin('update_project', 'Update a project.', ops('PATCH /v3/projects/{project_id}')),
  admin('delete_project', 'Delete a project.', ops('DELETE /v3/projects/{project_id}')),
  {
    name: 'identity:list_project_tags',
    checkStr: `${ADMIN} or (role:reader and project_id:%(target.project.id)s)`,
    description: "List a project's tags. Readers of the project may.",
    operations: reads('/v3/projects/{project_id}/tags'),
  },
  {
    name: 'identity:get_project_tag',
    checkStr: `${ADMIN} or (role:reader and project_id:%(target.project.id)s)`,
    description: 'Check one tag of a project. Readers of the project may.',
    operations: reads('/v3/projects/{project_id}/tags/{tag}'),
  },
  admin('update_project_tags', "Replace a project's tags.", ops('PUT /v3/projects/{project_id}/tags')),
  admin('create_project_tag', 'Add a tag to a project.', ops('PUT /v3/projects/{project_id}/tags/{tag}')),
  admin('delete_project_tag', 'Remove a tag from a project.', ops('DELETE /v3/projects/{project_id}/tags/{tag}')),
  admin('delete_project_tags', "Remove all of a project's tags.", ops('DELETE /v3/projects/{project_id}/tags')),

  // users
  {
    name: 'identity:get_user',
    checkStr: ADMIN_OR_SELF,
    description: 'Show user details. Users may read themselves.',
    operations: reads('/v3/users/{user_id}'),
  },
  admin('list_users', 'List users.', reads('/v3/users')),
  admin('create_user', 'Create a user.', ops('POST /v3/users')),
  admin('update_user', 'Update a user (including resetting its password).', ops('PATCH /v3/users/{user_id}')),
  admin('delete_user', 'Delete a user.', ops('DELETE /v3/users/{user_id}')),
  {
    name: 'identity:change_password',
    checkStr: ADMIN_OR_SELF,
    description: 'Change a password, proving the original one.',
    operations: ops('POST /v3/users/{user_id}/password'),
  },

  // groups
  admin('get_group', 'Show group details.', reads('/v3/groups/{group_id}')),
  admin('list_groups', 'List groups.', reads('/v3/groups')),
  {
    name: 'identity:list_groups_for_user',
    checkStr: ADMIN_OR_SELF,
    description: 'List the groups a user belongs to.',
    operations: reads('/v3/users/{user_id}/groups'),
  },
  admin('create_group', 'Create a group.', ops('POST /v3/groups')),
  admin('update_group', 'Update a group.', ops('PATCH /v3/groups/{group_id}')),
  admin('delete_group', 'Delete a group.', ops('DELETE /v3/groups/{group_id}')),
  admin('list_users_in_group', 'List the members of a group.', reads('/v3/groups/{group_id}/users')),
  admin('add_user_to_group', 'Add a user to a group.', ops('PUT /v3/groups/{group_id}/users/{user_id}')),
  admin('remove_user_from_group', 'Remove a user from a group.', ops('DELETE /v3/groups/{group_id}/users/{user_id}')),
  admin('check_user_in_group', 'Check whether a user is a member of a group.', reads('/v3/groups/{group_id}/users/{user_id}')),

  // roles and implied roles
  admin('get_role', 'Show role details.', reads('/v3/roles/{role_id}')),
  admin('list_roles', 'List roles.', reads('/v3/roles')),
  admin('create_role', 'Create a role.', ops('POST /v3/roles')),
  admin('update_role', 'Update a role.', ops('PATCH /v3/roles/{role_id}')),
  admin('delete_role', 'Delete a role.', ops('DELETE /v3/roles/{role_id}')),
  admin('list_implied_roles', 'List the roles a role implies.', reads('/v3/roles/{prior_role_id}/implies')),
  admin('get_implied_role', 'Show one role inference rule.', ops('GET /v3/roles/{prior_role_id}/implies/{implied_role_id}')),
  admin('check_implied_role', 'Check whether a role implies another.', ops('HEAD /v3/roles/{prior_role_id}/implies/{implied_role_id}')),
  admin('create_implied_role', 'Make a role imply another.', ops('PUT /v3/roles/{prior_role_id}/implies/{implied_role_id}')),
  admin('delete_implied_role', 'Remove a role inference rule.', ops('DELETE /v3/roles/{prior_role_id}/implies/{implied_role_id}')),
  admin('list_role_inference_rules', 'List all role inference rules.', reads('/v3/role_inferences')),

  // grants and role assignments
  admin('check_grant', 'Check a role grant of a user or group on a project or domain.', ops(...method('HEAD', grantPaths), ...method('GET', grantPaths))),
  admin('list_grants', 'List the role grants of a user or group on a project or domain.', reads(...grantListPaths)),
  admin('create_grant', 'Grant a role to a user or group on a project or domain.', ops(...method('PUT', grantPaths))),
  admin('revoke_grant', 'Revoke a role from a user or group on a project or domain.', ops(...method('DELETE', grantPaths))),
  admin('list_role_assignments', 'List role assignments (GET /v3/role_assignments and its filters).', reads('/v3/role_assignments')),
  admin('list_role_assignments_for_tree', 'List role assignments on a project and its subtree.', reads('/v3/role_assignments?include_subtree')),

  // domains
  {
    name: 'identity:get_domain',
    checkStr: `${ADMIN} or domain_id:%(target.domain.id)s or project_domain_id:%(target.domain.id)s`,
    description: 'Show domain details. A token scoped to the domain or to a project in it may read it.',
    operations: reads('/v3/domains/{domain_id}'),
  },
  admin('list_domains', 'List domains.', reads('/v3/domains')),
  admin('create_domain', 'Create a domain.', ops('POST /v3/domains')),
  admin('update_domain', 'Update a domain.', ops('PATCH /v3/domains/{domain_id}')),
  admin('delete_domain', 'Delete a domain.', ops('DELETE /v3/domains/{domain_id}')),

  // catalog: regions are public knowledge (Keystone's default), services and endpoints are not
  {
    name: 'identity:get_region',
    checkStr: ANY_TOKEN,
    description: 'Show region details. Any valid token.',
    operations: reads('/v3/regions/{region_id}'),
  },
  { name: 'identity:list_regions', checkStr: ANY_TOKEN, description: 'List regions. Any valid token.', operations: reads('/v3/regions') },
  admin('create_region', 'Create a region.', ops('POST /v3/regions', 'PUT /v3/regions/{region_id}')),
  admin('update_region', 'Update a region.', ops('PATCH /v3/regions/{region_id}')),
  admin('delete_region', 'Delete a region.', ops('DELETE /v3/regions/{region_id}')),
  admin('get_service', 'Show service details.', reads('/v3/services/{service_id}')),
  admin('list_services', 'List services.', reads('/v3/services')),
  admin('create_service', 'Create a service.', ops('POST /v3/services')),
  admin('update_service', 'Update a service.', ops('PATCH /v3/services/{service_id}')),
  admin('delete_service', 'Delete a service.', ops('DELETE /v3/services/{service_id}')),
  admin('get_endpoint', 'Show endpoint details.', reads('/v3/endpoints/{endpoint_id}')),
  admin('list_endpoints', 'List endpoints.', reads('/v3/endpoints')),
  admin('create_endpoint', 'Create an endpoint.', ops('POST /v3/endpoints')),
  admin('update_endpoint', 'Update an endpoint.', ops('PATCH /v3/endpoints/{endpoint_id}')),
  admin('delete_endpoint', 'Delete an endpoint.', ops('DELETE /v3/endpoints/{endpoint_id}')),

  // application credentials: target.user.id is the owner from the URL
  {
    name: 'identity:get_application_credential',
    checkStr: ADMIN_OR_SELF,
    description: 'Show an application credential. Owners only (and the cloud admin).',
    operations: reads('/v3/users/{user_id}/application_credentials/{application_credential_id}'),
  },
  {
    name: 'identity:list_application_credentials',
    checkStr: ADMIN_OR_SELF,
    description: "List a user's application credentials.",
    operations: reads('/v3/users/{user_id}/application_credentials'),
  },
  {
    name: 'identity:create_application_credential',
    checkStr: ADMIN_OR_SELF,
    description: 'Create an application credential for a user.',
    operations: ops('POST /v3/users/{user_id}/application_credentials'),
  },
  {
    name: 'identity:delete_application_credential',
    checkStr: ADMIN_OR_SELF,
    description: 'Delete an application credential.',
    operations: ops('DELETE /v3/users/{user_id}/application_credentials/{application_credential_id}'),
  },

  // tokens and the auth API
  {
    name: 'identity:validate_token',
    checkStr: 'rule:service_or_admin or rule:token_subject',
    description: 'Validate a token. Services, the cloud admin and the token\'s own user.',
    operations: ops('GET /v3/auth/tokens'),
  },
  {
    name: 'identity:check_token',
    checkStr: 'rule:service_or_admin or rule:token_subject',
    description: 'Check a token (HEAD).',
    operations: ops('HEAD /v3/auth/tokens'),
  },
  {
    name: 'identity:revoke_token',
    checkStr: 'rule:service_or_admin or rule:token_subject',
    description: 'Revoke a token.',
    operations: ops('DELETE /v3/auth/tokens'),
  },
  {
    name: 'identity:get_auth_catalog',
    checkStr: ANY_TOKEN,
    description: 'Get the service catalog of the token. Any valid token.',
    operations: reads('/v3/auth/catalog'),
  },
  {
    name: 'identity:get_auth_projects',
    checkStr: ANY_TOKEN,
    description: 'List the projects the token\'s user may scope to. Any valid token.',
    operations: reads('/v3/auth/projects'),
  },
  {
    name: 'identity:get_auth_domains',
    checkStr: ANY_TOKEN,
    description: 'List the domains the token\'s user may scope to. Any valid token.',
    operations: reads('/v3/auth/domains'),
  },

  // nimbus extra
  admin('list_audit_events', 'List the audit log (Admin → Audit Log in the console).', []),
];
