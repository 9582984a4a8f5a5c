import { ops, type RuleDefault } from '../rule-default.js';

/**
 * Server groups under Nova's own rule names and defaults, so operators' existing policy files keep
 * working. Targets carry `project_id` (the group's project; for list and create the caller's) and
 * `user_id` (the group's owner).
 */
const G = '/compute/v2.1/os-server-groups';

export const computeServerGroupRules: readonly RuleDefault[] = [
  { name: 'os_compute_api:os-server-groups:create', checkStr: 'rule:admin_or_member', description: "Create a server group in the caller's project (the target is always the caller's own project).", operations: ops(`POST ${G}`) },
  { name: 'os_compute_api:os-server-groups:delete', checkStr: 'rule:admin_or_member', description: 'Delete a server group (its servers stay).', operations: ops(`DELETE ${G}/{server_group_id}`) },
  { name: 'os_compute_api:os-server-groups:index', checkStr: 'rule:admin_or_reader', description: "List the project's server groups.", operations: ops(`GET ${G}`) },
  { name: 'os_compute_api:os-server-groups:index:all_projects', checkStr: 'rule:admin_required', description: 'List the server groups of every project (`all_projects`).', operations: ops(`GET ${G}`) },
  { name: 'os_compute_api:os-server-groups:show', checkStr: 'rule:admin_or_reader', description: 'Show a server group with its members.', operations: ops(`GET ${G}/{server_group_id}`) },
];
