import {
  addUserToGroup,
  checkUserInGroup,
  createGroup,
  deleteGroup,
  getGroup,
  groupView,
  listGroups,
  listUsersInGroup,
  removeUserFromGroup,
  updateGroup,
  userView,
} from '@nimbus/core/identity/resources/index';
import type { RouteDef } from '../../router';
import { collection, defined, flag, member, noContent, one, paging, param, text } from './http';

export const groupRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/v3/groups',
    handler: async (req) =>
      collection(req, 'groups', await listGroups(req.ctx, defined({ name: text(req, 'name'), domain_id: text(req, 'domain_id'), ...paging(req) })), groupView),
  },
  {
    method: 'POST',
    path: '/v3/groups',
    handler: async (req) => one(201, 'group', groupView(await createGroup(req.ctx, await member(req, 'group')), req.baseUrl)),
  },
  {
    method: 'GET',
    path: '/v3/groups/:group_id',
    handler: async (req) => one(200, 'group', groupView(await getGroup(req.ctx, param(req, 'group_id')), req.baseUrl)),
  },
  {
    method: 'PATCH',
    path: '/v3/groups/:group_id',
    handler: async (req) => one(200, 'group', groupView(await updateGroup(req.ctx, param(req, 'group_id'), await member(req, 'group')), req.baseUrl)),
  },
  {
    method: 'DELETE',
    path: '/v3/groups/:group_id',
    handler: async (req) => {
      await deleteGroup(req.ctx, param(req, 'group_id'));
      return noContent;
    },
  },
  {
    method: 'GET',
    path: '/v3/groups/:group_id/users',
    handler: async (req) =>
      collection(req, 'users', await listUsersInGroup(req.ctx, param(req, 'group_id'), defined({ name: text(req, 'name'), enabled: flag(req, 'enabled') })), userView),
  },
  {
    method: 'PUT',
    path: '/v3/groups/:group_id/users/:user_id',
    handler: async (req) => {
      await addUserToGroup(req.ctx, param(req, 'group_id'), param(req, 'user_id'));
      return noContent;
    },
  },
  {
    method: 'HEAD',
    path: '/v3/groups/:group_id/users/:user_id',
    handler: async (req) => {
      await checkUserInGroup(req.ctx, param(req, 'group_id'), param(req, 'user_id'));
      return noContent;
    },
  },
  {
    method: 'GET',
    path: '/v3/groups/:group_id/users/:user_id',
    handler: async (req) => {
      await checkUserInGroup(req.ctx, param(req, 'group_id'), param(req, 'user_id'));
      return noContent;
    },
  },
  {
    method: 'DELETE',
    path: '/v3/groups/:group_id/users/:user_id',
    handler: async (req) => {
      await removeUserFromGroup(req.ctx, param(req, 'group_id'), param(req, 'user_id'));
      return noContent;
    },
  },
];
