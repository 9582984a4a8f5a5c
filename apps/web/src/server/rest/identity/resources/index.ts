import type { RouteDef } from '../../router';
import { applicationCredentialRoutes } from './application-credentials';
import { endpointRoutes, regionRoutes, serviceRoutes } from './catalog';
import { domainRoutes } from './domains';
import { grantRouteDefs } from './grants';
import { groupRoutes } from './groups';
import { projectRoutes, projectTagRoutes } from './projects';
import { roleAssignmentRoutes } from './role-assignments';
import { roleRoutes } from './roles';
import { userRoutes } from './users';

/** Keystone's resource APIs under /identity: domains, projects, users, groups, roles, grants, catalog, application credentials. */
export const identityResourceRoutes: RouteDef[] = [
  ...domainRoutes,
  ...projectRoutes,
  ...projectTagRoutes,
  ...userRoutes,
  ...groupRoutes,
  ...roleRoutes,
  ...grantRouteDefs,
  ...roleAssignmentRoutes,
  ...regionRoutes,
  ...serviceRoutes,
  ...endpointRoutes,
  ...applicationCredentialRoutes,
];
