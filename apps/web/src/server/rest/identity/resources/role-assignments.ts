import { BadRequest } from '@nimbus/shared';
import { collectionLinks, listRoleAssignments, roleAssignmentView } from '@nimbus/core/identity/resources/index';
import type { RouteDef } from '../../router';
import { defined, flag, paging, text } from './http';

export const roleAssignmentRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/v3/role_assignments',
    handler: async (req) => {
      const inheritedTo = text(req, 'scope.OS-INHERIT:inherited_to');
      if (inheritedTo !== undefined && inheritedTo !== 'projects') {
        throw new BadRequest("Invalid input for field 'scope.OS-INHERIT:inherited_to': must be 'projects'", { field: 'scope.OS-INHERIT:inherited_to' });
      }
      const { page, names } = await listRoleAssignments(
        req.ctx,
        defined({
          projectId: text(req, 'scope.project.id'),
          domainId: text(req, 'scope.domain.id'),
          userId: text(req, 'user.id'),
          groupId: text(req, 'group.id'),
          roleId: text(req, 'role.id'),
          inheritedTo: inheritedTo as 'projects' | undefined,
          effective: flag(req, 'effective'),
          includeNames: flag(req, 'include_names'),
          includeSubtree: flag(req, 'include_subtree'),
          ...paging(req),
        }),
      );
      return {
        status: 200,
        body: {
          role_assignments: page.items.map((e) => roleAssignmentView(e, names, req.baseUrl)),
          links: collectionLinks(req.baseUrl, 'role_assignments', req.query, page),
        },
      };
    },
  },
];
