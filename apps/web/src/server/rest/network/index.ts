import { createFloatingIp, deleteFloatingIp, getFloatingIp, listFloatingIps, updateFloatingIp } from '@nimbus/core/network/floating-ips';
import { createNetwork, deleteNetwork, getNetwork, listNetworks, updateNetwork } from '@nimbus/core/network/networks';
import { createPort, deletePort, getPort, listPorts, updatePort } from '@nimbus/core/network/ports';
import { createSecurityGroupRule, deleteSecurityGroupRule, getSecurityGroupRule, listSecurityGroupRules } from '@nimbus/core/network/security-group-rules';
import { createSecurityGroup, deleteSecurityGroup, getSecurityGroup, listSecurityGroups, updateSecurityGroup } from '@nimbus/core/network/security-groups';
import { createSubnet, deleteSubnet, getSubnet, listSubnets, updateSubnet } from '@nimbus/core/network/subnets';
import type { RestRequest, RouteDef } from '../router';
import { collection } from './resources';
import { extensionRoutes } from './extensions';
import { quotaRoutes } from './quotas';
import { routerRoutes } from './routers';

export { neutronFault } from './faults';

function versions(req: RestRequest) {
  return { versions: [{ id: 'v2.0', status: 'CURRENT', links: [{ rel: 'self', href: `${req.baseUrl}/v2.0/` }] }] };
}

/** Neutron v2.0 (`/network`): the version document, the core resources, L3, security groups and quotas. */
export const networkRoutes: RouteDef[] = [
  { method: 'GET', path: '/', auth: false, handler: async (req) => ({ status: 200, body: versions(req) }) },
  ...collection('networks', 'network', 'networks', { list: listNetworks, get: getNetwork, create: createNetwork, update: updateNetwork, remove: deleteNetwork }),
  ...collection('subnets', 'subnet', 'subnets', { list: listSubnets, get: getSubnet, create: createSubnet, update: updateSubnet, remove: deleteSubnet }),
  ...collection('ports', 'port', 'ports', { list: listPorts, get: getPort, create: createPort, update: updatePort, remove: deletePort }),
  ...routerRoutes,
  ...collection('floatingips', 'floatingip', 'floatingips', { list: listFloatingIps, get: getFloatingIp, create: createFloatingIp, update: updateFloatingIp, remove: deleteFloatingIp }),
  ...collection('security-groups', 'security_group', 'security_groups', {
    list: listSecurityGroups,
    get: getSecurityGroup,
    create: createSecurityGroup,
    update: updateSecurityGroup,
    remove: deleteSecurityGroup,
  }),
  ...collection('security-group-rules', 'security_group_rule', 'security_group_rules', {
    list: listSecurityGroupRules,
    get: getSecurityGroupRule,
    create: createSecurityGroupRule,
    remove: deleteSecurityGroupRule,
  }),
  ...quotaRoutes,
  ...extensionRoutes,
];
