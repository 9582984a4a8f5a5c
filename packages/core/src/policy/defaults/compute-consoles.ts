import { ops, type RuleDefault } from '../rule-default.js';

/**
 * Remote consoles, under Nova's own rule name so operators' existing policy files keep working.
 * The target carries `project_id`, the project owning the server.
 */
export const computeConsoleRules: readonly RuleDefault[] = [
  {
    name: 'os_compute_api:os-remote-consoles',
    checkStr: 'rule:admin_or_member',
    description: "Open a server's serial console: a one-time console URL (`remote-consoles`, or the legacy `os-getSerialConsole` action).",
    operations: ops('POST /compute/v2.1/servers/{server_id}/remote-consoles', 'POST /compute/v2.1/servers/{server_id}/action'),
  },
];
