import { describe, expect, it } from 'vitest';
import { referencedRules } from './ast.js';
import type { PolicyCredentials } from './credentials.js';
import { defaultRules, identityRules } from './defaults/index.js';
import { parseRule } from './parser.js';
import { Policy } from './policy.js';

const required = `get_project list_projects create_project update_project delete_project list_user_projects get_user
list_users create_user update_user delete_user list_groups get_group create_group update_group delete_group
list_users_in_group add_user_to_group remove_user_from_group check_user_in_group list_groups_for_user list_roles
get_role create_role update_role delete_role list_implied_roles create_implied_role delete_implied_role
list_role_inference_rules check_grant list_grants create_grant revoke_grant list_role_assignments
list_role_assignments_for_tree get_domain list_domains create_domain update_domain delete_domain get_region
list_regions create_region update_region delete_region get_service list_services create_service update_service
delete_service get_endpoint list_endpoints create_endpoint update_endpoint delete_endpoint
get_application_credential list_application_credentials create_application_credential
delete_application_credential validate_token check_token revoke_token get_auth_catalog get_auth_projects
get_auth_domains list_audit_events`
  .split(/\s+/)
  .map((n) => `identity:${n}`);

describe('the rule registry', () => {
  const names = new Set(defaultRules.map((r) => r.name));

  it('defines every identity rule Keystone clients rely on', () => {
    expect(required.filter((n) => !names.has(n))).toEqual([]);
  });

  it('has unique names, documented rules that parse, and only references to defined rules', () => {
    expect(names.size).toBe(defaultRules.length);
    for (const rule of defaultRules) {
      expect(rule.description, rule.name).not.toBe('');
      const refs = referencedRules(parseRule(rule.checkStr, rule.name));
      expect([...refs].filter((r) => !names.has(r)), rule.name).toEqual([]);
    }
    for (const rule of identityRules.filter((r) => r.name !== 'identity:list_audit_events')) {
      expect(rule.operations?.length, rule.name).toBeGreaterThan(0);
    }
  });
});

describe('default decisions', () => {
  const policy = new Policy({ file: null });
  const cloudAdmin: PolicyCredentials = { userId: 'admin', projectId: 'admin-p', roles: ['admin', 'member', 'reader'] };
  const member: PolicyCredentials = { userId: 'demo', projectId: 'demo-p', projectDomainId: 'default', roles: ['member', 'reader'] };
  const reader: PolicyCredentials = { userId: 'eve', projectId: 'demo-p', roles: ['Reader'] };
  const unscoped: PolicyCredentials = { userId: 'demo', roles: [] };

  const project = (id: string) => ({ target: { project: { id, domain_id: 'default' } }, project_id: id });
  const user = (id: string) => ({ target: { user: { id, domain_id: 'default' } }, user_id: id });

  it('lets the cloud admin do everything (every rule guarding an operation)', () => {
    for (const rule of defaultRules.filter((r) => r.operations !== undefined)) expect(policy.can(cloudAdmin, rule.name, project('elsewhere')), rule.name).toBe(true);
  });

  it.each<[string, PolicyCredentials, object, boolean]>([
    // a project's members and readers read it; nobody reads another project; only admins list all
    ['identity:get_project', member, project('demo-p'), true],
    ['identity:get_project', reader, project('demo-p'), true],
    ['identity:get_project', member, project('other-p'), false],
    ['identity:get_project', unscoped, project('demo-p'), false],
    ['identity:list_projects', member, {}, false],
    ['identity:update_project', member, project('demo-p'), false],
    ['identity:delete_project', member, project('demo-p'), false],
    // users read themselves and list their own projects, not others'
    ['identity:get_user', member, user('demo'), true],
    ['identity:get_user', unscoped, user('demo'), true],
    ['identity:get_user', member, user('someone'), false],
    ['identity:list_user_projects', member, user('demo'), true],
    ['identity:list_user_projects', member, user('someone'), false],
    ['identity:list_groups_for_user', member, user('demo'), true],
    ['identity:change_password', member, user('demo'), true],
    ['identity:change_password', member, user('someone'), false],
    ['identity:update_user', member, user('demo'), false],
    ['identity:list_users', member, {}, false],
    // role assignments and grants are admin business
    ['identity:list_role_assignments', member, project('demo-p'), false],
    ['identity:create_grant', member, project('demo-p'), false],
    ['identity:list_roles', member, {}, false],
    // application credentials belong to their user
    ['identity:list_application_credentials', member, user('demo'), true],
    ['identity:create_application_credential', member, user('demo'), true],
    ['identity:get_application_credential', member, user('demo'), true],
    ['identity:delete_application_credential', member, user('demo'), true],
    ['identity:get_application_credential', member, user('someone'), false],
    ['identity:delete_application_credential', member, user('someone'), false],
    // tokens: their own user (or a service/admin) may validate them
    ['identity:validate_token', member, { target: { token: { user_id: 'demo' } } }, true],
    ['identity:validate_token', member, { target: { token: { user_id: 'admin' } } }, false],
    ['identity:revoke_token', member, { target: { token: { user_id: 'demo' } } }, true],
    ['identity:validate_token', { userId: 'nova', roles: ['service'] }, { target: { token: { user_id: 'demo' } } }, true],
    // any token may read its catalog, projects, domains and the regions
    ['identity:get_auth_catalog', unscoped, {}, true],
    ['identity:get_auth_projects', unscoped, {}, true],
    ['identity:list_regions', member, {}, true],
    ['identity:list_endpoints', member, {}, false],
    ['identity:get_domain', member, { target: { domain: { id: 'default' } } }, true],
    ['identity:get_domain', member, { target: { domain: { id: 'other' } } }, false],
    ['identity:list_audit_events', member, {}, false],
    // base rules used by the other services
    ['compute:servers:show', reader, { project_id: 'demo-p' }, true],
    ['compute:servers:create', reader, { project_id: 'demo-p' }, false],
    ['compute:servers:create', member, { project_id: 'demo-p' }, true],
    ['compute:servers:show', member, { project_id: 'other-p' }, false],
    ['admin_or_owner', member, { user_id: 'demo' }, true],
    ['admin_or_owner', member, { user_id: 'x' }, false],
  ])('%s for %j on %j → %s', (rule, who, target, allowed) => {
    expect(policy.can(who, rule, target as Record<string, unknown>)).toBe(allowed);
  });
});
