import { ops, type RuleDefault } from '../rule-default.js';

/**
 * Servers beyond CRUD (services.ts), their actions, instance actions, limits and quota sets:
 * Nova's documented defaults under nimbus's `compute:` names. Targets carry `project_id`, the
 * project owning the server (for quota sets: the project asked about).
 */
const S = '/compute/v2.1/servers';

function action(name: string, bodyKey: string, what: string): RuleDefault {
  return { name: `compute:servers:${name}`, checkStr: 'rule:admin_or_member', description: `${what} (\`${bodyKey}\`).`, operations: ops(`POST ${S}/{server_id}/action`) };
}

export const computeServerRules: readonly RuleDefault[] = [
  { name: 'compute:servers:list:all_tenants', checkStr: 'rule:admin_required', description: 'List servers of every project (`all_tenants`), and filter by host or node.', operations: ops(`GET ${S}`, `GET ${S}/detail`) },
  { name: 'compute:servers:show:extended', checkStr: 'rule:admin_required', description: 'See the host attributes of a server (`OS-EXT-SRV-ATTR:*`, `host_status`).', operations: ops(`GET ${S}/{server_id}`, `GET ${S}/detail`) },
  action('start', 'os-start', 'Start a stopped server'),
  action('stop', 'os-stop', 'Stop a server'),
  action('reboot', 'reboot', 'Reboot a server'),
  action('pause', 'pause', 'Pause a server'),
  action('unpause', 'unpause', 'Unpause a paused server'),
  action('suspend', 'suspend', 'Suspend a server'),
  action('resume', 'resume', 'Resume a suspended server'),
  action('resize', 'resize', 'Resize a server to another flavor'),
  action('confirm_resize', 'confirmResize', 'Confirm a resize'),
  action('revert_resize', 'revertResize', 'Revert a resize'),
  action('create_image', 'createImage', 'Snapshot a server into an image'),
  action('console_output', 'os-getConsoleOutput', "Read a server's console output"),
  { name: 'compute:instance_actions:list', checkStr: 'rule:admin_or_reader', description: "List a server's instance actions.", operations: ops(`GET ${S}/{server_id}/os-instance-actions`) },
  { name: 'compute:instance_actions:show', checkStr: 'rule:admin_or_reader', description: 'Show an instance action with its events.', operations: ops(`GET ${S}/{server_id}/os-instance-actions/{request_id}`) },
  { name: 'compute:limits', checkStr: '', description: "Show the caller's project limits and usage. Any valid token.", operations: ops('GET /compute/v2.1/limits') },
  { name: 'compute:limits:other_project', checkStr: 'rule:admin_required', description: 'Show the limits of another project (`tenant_id`).', operations: ops('GET /compute/v2.1/limits') },
  { name: 'compute:quota_sets:show', checkStr: 'rule:admin_or_reader', description: "Show a project's quotas (and usage with /detail).", operations: ops('GET /compute/v2.1/os-quota-sets/{project_id}', 'GET /compute/v2.1/os-quota-sets/{project_id}/detail') },
  { name: 'compute:quota_sets:defaults', checkStr: '', description: 'Show the default quotas. Any valid token.', operations: ops('GET /compute/v2.1/os-quota-sets/{project_id}/defaults') },
  { name: 'compute:quota_sets:update', checkStr: 'rule:admin_required', description: "Change a project's quotas.", operations: ops('PUT /compute/v2.1/os-quota-sets/{project_id}') },
  { name: 'compute:quota_sets:delete', checkStr: 'rule:admin_required', description: "Revert a project's quotas to the defaults.", operations: ops('DELETE /compute/v2.1/os-quota-sets/{project_id}') },
];
