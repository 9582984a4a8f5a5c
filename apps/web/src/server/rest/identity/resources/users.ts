import {
  changePassword,
  createUser,
  deleteUser,
  getUser,
  groupView,
  listUserGroups,
  listUsers,
  updateUser,
  userView,
} from '@nimbus/core/identity/resources/index';
import type { RouteDef } from '../../router';
import { collection, defined, flag, member, noContent, one, paging, param, text } from './http';

export const userRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/v3/users',
    handler: async (req) =>
      collection(
        req,
        'users',
        await listUsers(req.ctx, defined({ name: text(req, 'name'), enabled: flag(req, 'enabled'), domain_id: text(req, 'domain_id'), ...paging(req) })),
        userView,
      ),
  },
  {
    method: 'POST',
    path: '/v3/users',
    handler: async (req) => one(201, 'user', userView(await createUser(req.ctx, await member(req, 'user')), req.baseUrl)),
  },
  {
    method: 'GET',
    path: '/v3/users/:user_id',
    handler: async (req) => one(200, 'user', userView(await getUser(req.ctx, param(req, 'user_id')), req.baseUrl)),
  },
  {
    method: 'PATCH',
    path: '/v3/users/:user_id',
    handler: async (req) => one(200, 'user', userView(await updateUser(req.ctx, param(req, 'user_id'), await member(req, 'user')), req.baseUrl)),
  },
  {
    method: 'DELETE',
    path: '/v3/users/:user_id',
    handler: async (req) => {
      await deleteUser(req.ctx, param(req, 'user_id'));
      return noContent;
    },
  },
  {
    // Keystone runs the self-service change without a token: the original password is the proof.
    method: 'POST',
    path: '/v3/users/:user_id/password',
    auth: false,
    handler: async (req) => {
      await changePassword(req.ctx, param(req, 'user_id'), await member(req, 'user'));
      return noContent;
    },
  },
  {
    method: 'GET',
    path: '/v3/users/:user_id/groups',
    handler: async (req) => collection(req, 'groups', await listUserGroups(req.ctx, param(req, 'user_id')), groupView),
  },
];
