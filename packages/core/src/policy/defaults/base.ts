import type { RuleDefault } from '../rule-default.js';

/**
 * Building blocks referenced by the service rules. Targets follow Nova's convention: the
 * owning project of the resource is `project_id`, the owning user `user_id`.
 */
export const baseRules: readonly RuleDefault[] = [
  {
    name: 'default',
    checkStr: 'rule:admin_required',
    description: 'Applied to any rule name that is not defined: only a cloud admin passes.',
  },
  {
    name: 'admin_required',
    checkStr: 'role:admin',
    description: 'Holds the admin role on the scoped project; in nimbus the admin role on any project makes a cloud admin.',
  },
  {
    name: 'cloud_admin',
    checkStr: 'role:admin',
    description: 'Cloud administrator (alias kept for operators used to the name).',
  },
  {
    name: 'service_role',
    checkStr: 'role:service',
    description: 'Holds the service role (Keystone name for service-to-service calls).',
  },
  {
    name: 'service_or_admin',
    checkStr: 'rule:admin_required or rule:service_role',
    description: 'Cloud admin or a service user.',
  },
  {
    name: 'owner',
    checkStr: 'user_id:%(user_id)s',
    description: 'The caller is the user owning the target.',
  },
  {
    name: 'admin_or_owner',
    checkStr: 'rule:admin_required or rule:owner',
    description: 'Cloud admin or the user owning the target.',
  },
  {
    name: 'project_member',
    checkStr: 'role:member and project_id:%(project_id)s',
    description: 'Member of the project owning the target.',
  },
  {
    name: 'project_reader',
    checkStr: 'role:reader and project_id:%(project_id)s',
    description: 'Reader (or member, or admin, through implied roles) of the project owning the target.',
  },
  {
    name: 'admin_or_member',
    checkStr: 'rule:admin_required or rule:project_member',
    description: 'Cloud admin or member of the project owning the target: may change it.',
  },
  {
    name: 'admin_or_reader',
    checkStr: 'rule:admin_required or rule:project_reader',
    description: 'Cloud admin or reader of the project owning the target: may see it.',
  },
  {
    name: 'token_subject',
    checkStr: 'user_id:%(target.token.user_id)s',
    description: 'The caller is the user the subject token was issued to.',
  },
];
