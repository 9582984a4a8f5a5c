import type { RestResponse, RouteDef } from '../router';
import { notFoundFault } from './faults';

/**
 * The API extensions nimbus implements, under Neutron's aliases: the openstack client asks for
 * some of them before using their attributes.
 */
const EXTENSIONS: Array<[alias: string, name: string, description: string]> = [
  ['binding', 'Port Binding', 'Expose port bindings of a virtual port to external application'],
  ['external-net', 'Neutron external network', 'Adds external network attribute to network resource.'],
  ['ext-gw-mode', 'Neutron L3 Configurable external gateway mode', 'Extension of the router abstraction for specifying whether SNAT should occur on the external gateway'],
  ['extraroute', 'Neutron Extra Route', 'Extra routes configuration for L3 router'],
  ['extraroute-atomic', 'Atomically add/remove extra routes', 'Edit extra routes of a router on server side by atomically adding/removing extra routes'],
  ['net-mtu', 'Network MTU', 'Provides MTU attribute for a network resource.'],
  ['port-security', 'Port Security', 'Provides port security'],
  ['project-id', 'project_id field enabled', 'Extension that indicates that project_id field is enabled.'],
  ['provider', 'Provider Network', 'Expose mapping of virtual networks to physical networks'],
  ['quotas', 'Quota management support', 'Expose functions for quotas management per tenant'],
  ['quota_details', 'Quota details management support', 'Expose functions for quotas usage statistics per project'],
  ['router', 'Neutron L3 Router', 'Router abstraction for basic L3 forwarding between L2 Neutron networks and access to external networks via a NAT gateway.'],
  ['security-group', 'security-group', 'The security groups extension.'],
  ['stateful-security-group', 'Stateful security group', 'Indicates if the security group is stateful or not'],
  ['standard-attr-description', 'standard-attr-description', 'Extension to add descriptions to standard attributes'],
  ['standard-attr-revisions', 'Resource revision numbers', 'This extension will display the revision number of neutron resources.'],
  ['standard-attr-timestamp', 'Resource timestamps', 'Adds created_at and updated_at fields to all Neutron resources that have Neutron standard attributes.'],
];

function view([alias, name, description]: [string, string, string]) {
  return { alias, name, description, updated: '2026-11-25T00:00:00-00:00', links: [] };
}

export const extensionRoutes: RouteDef[] = [
  { method: 'GET', path: '/v2.0/extensions', handler: async (): Promise<RestResponse> => ({ status: 200, body: { extensions: EXTENSIONS.map(view) } }) },
  {
    method: 'GET',
    path: '/v2.0/extensions/:alias',
    handler: async (req): Promise<RestResponse> => {
      const ext = EXTENSIONS.find(([alias]) => alias === req.params.alias);
      if (!ext) throw notFoundFault('ExtensionNotFound', `Extension with alias ${req.params.alias} does not exist`);
      return { status: 200, body: { extension: view(ext) } };
    },
  },
];
