import { ops, type RuleDefault } from '../rule-default.js';

/**
 * Placeholders for the services of later issues, so the console can already ask `can()` about
 * them. Each service's issue owns and refines its rules (e.g. image visibility, flavor access).
 * Targets carry `project_id`: the project owning the resource (for list/create: the caller's).
 */
function crud(service: string, resource: string, collection: string, noun: string): RuleDefault[] {
  const item = `${collection}/{id}`;
  return [
    { name: `${service}:${resource}:list`, checkStr: 'rule:admin_or_reader', description: `List ${noun}s of the project.`, operations: ops(`GET ${collection}`) },
    { name: `${service}:${resource}:show`, checkStr: 'rule:admin_or_reader', description: `Show a ${noun}.`, operations: ops(`GET ${item}`) },
    { name: `${service}:${resource}:create`, checkStr: 'rule:admin_or_member', description: `Create a ${noun}.`, operations: ops(`POST ${collection}`) },
    { name: `${service}:${resource}:update`, checkStr: 'rule:admin_or_member', description: `Update a ${noun}.`, operations: ops(`PUT ${item}`) },
    { name: `${service}:${resource}:delete`, checkStr: 'rule:admin_or_member', description: `Delete a ${noun}.`, operations: ops(`DELETE ${item}`) },
  ];
}

export const serviceRules: readonly RuleDefault[] = [
  ...crud('compute', 'servers', '/compute/v2.1/servers', 'server'),
  { name: 'compute:flavors:list', checkStr: '', description: 'List flavors. Any valid token.', operations: ops('GET /compute/v2.1/flavors') },
  { name: 'compute:flavors:show', checkStr: '', description: 'Show a flavor. Any valid token.', operations: ops('GET /compute/v2.1/flavors/{flavor_id}') },
  { name: 'compute:flavors:create', checkStr: 'rule:admin_required', description: 'Create a flavor.', operations: ops('POST /compute/v2.1/flavors') },
  { name: 'compute:flavors:delete', checkStr: 'rule:admin_required', description: 'Delete a flavor.', operations: ops('DELETE /compute/v2.1/flavors/{flavor_id}') },
  ...crud('network', 'networks', '/network/v2.0/networks', 'network'),
  ...crud('network', 'subnets', '/network/v2.0/subnets', 'subnet'),
  ...crud('network', 'ports', '/network/v2.0/ports', 'port'),
  ...crud('network', 'routers', '/network/v2.0/routers', 'router'),
  ...crud('volume', 'volumes', '/volume/v3/{project_id}/volumes', 'volume'),
  ...crud('image', 'images', '/image/v2/images', 'image'),
];
