import { ops, type RuleDefault } from '../rule-default.js';

/**
 * Neutron's rule names, so operators' policy files carry over. Targets carry `project_id` (and
 * `tenant_id`, the same) of the resource, or of the caller on create. Visibility (shared and
 * external networks are seen by every project) is decided before these rules, as in Neutron,
 * where a resource one may not see answers 404.
 */
const V = '/network/v2.0';

function crud(resource: string, plural: string, read = 'rule:admin_or_reader', write = 'rule:admin_or_member'): RuleDefault[] {
  return [
    { name: `create_${resource}`, checkStr: write, description: `Create a ${resource}.`, operations: ops(`POST ${V}/${plural}`) },
    { name: `get_${resource}`, checkStr: read, description: `Show or list ${plural}.`, operations: ops(`GET ${V}/${plural}`, `GET ${V}/${plural}/{id}`) },
    { name: `update_${resource}`, checkStr: write, description: `Update a ${resource}.`, operations: ops(`PUT ${V}/${plural}/{id}`) },
    { name: `delete_${resource}`, checkStr: write, description: `Delete a ${resource}.`, operations: ops(`DELETE ${V}/${plural}/{id}`) },
  ];
}

function adminOnly(name: string, description: string, path: string): RuleDefault {
  return { name, checkStr: 'rule:admin_required', description, operations: ops(`POST ${V}/${path}`, `PUT ${V}/${path}/{id}`) };
}

export const networkRules: readonly RuleDefault[] = [
  ...crud('network', 'networks'),
  adminOnly('create_network:shared', 'Create or update a network shared with every project.', 'networks'),
  adminOnly('create_network:router:external', 'Create or update an external network (router:external).', 'networks'),
  adminOnly('create_network:provider:network_type', 'Choose the provider attributes (network type, physical network, segmentation id) of a network.', 'networks'),
  { name: 'get_network:provider:network_type', checkStr: 'rule:admin_required', description: "See a network's provider attributes.", operations: ops(`GET ${V}/networks/{id}`) },
  ...crud('subnet', 'subnets'),
  ...crud('port', 'ports'),
  adminOnly('create_port:binding:host_id', 'Bind a port to a host (binding:host_id).', 'ports'),
  adminOnly('create_port:mac_address', 'Choose the MAC address of a port.', 'ports'),
  adminOnly('create_port:device_owner', 'Create a port owned by the network itself (device_owner network:*).', 'ports'),
  { name: 'get_port:binding:host_id', checkStr: 'rule:admin_required', description: "See a port's binding attributes.", operations: ops(`GET ${V}/ports/{id}`) },
  ...crud('router', 'routers'),
  { name: 'add_router_interface', checkStr: 'rule:admin_or_member', description: 'Attach a subnet or port to a router.', operations: ops(`PUT ${V}/routers/{id}/add_router_interface`) },
  { name: 'remove_router_interface', checkStr: 'rule:admin_or_member', description: 'Detach a subnet or port from a router.', operations: ops(`PUT ${V}/routers/{id}/remove_router_interface`) },
  adminOnly('create_router:external_gateway_info:enable_snat', "Turn a router's SNAT off.", 'routers'),
  ...crud('floatingip', 'floatingips'),
  ...crud('security_group', 'security-groups'),
  ...crud('security_group_rule', 'security-group-rules').filter((r) => !r.name.startsWith('update_')),
  { name: 'get_quota', checkStr: 'rule:admin_or_reader', description: "Show a project's network quotas.", operations: ops(`GET ${V}/quotas/{project_id}`) },
  { name: 'update_quota', checkStr: 'rule:admin_required', description: "Change a project's network quotas.", operations: ops(`PUT ${V}/quotas/{project_id}`) },
  { name: 'delete_quota', checkStr: 'rule:admin_required', description: "Reset a project's network quotas to the defaults.", operations: ops(`DELETE ${V}/quotas/{project_id}`) },
];
