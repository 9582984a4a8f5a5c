import {
  applicationCredentialView,
  createApplicationCredential,
  deleteApplicationCredential,
  getApplicationCredential,
  listApplicationCredentials,
} from '@nimbus/core/identity/resources/index';
import type { RouteDef } from '../../router';
import { collection, defined, member, noContent, one, param, text } from './http';

export const applicationCredentialRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/v3/users/:user_id/application_credentials',
    handler: async (req) =>
      collection(
        req,
        'application_credentials',
        await listApplicationCredentials(req.ctx, param(req, 'user_id'), defined({ name: text(req, 'name') })),
        (c, baseUrl) => applicationCredentialView(c, baseUrl),
      ),
  },
  {
    method: 'POST',
    path: '/v3/users/:user_id/application_credentials',
    handler: async (req) => {
      const created = await createApplicationCredential(req.ctx, param(req, 'user_id'), await member(req, 'application_credential'));
      return one(201, 'application_credential', applicationCredentialView(created, req.baseUrl, created.secret));
    },
  },
  {
    method: 'GET',
    path: '/v3/users/:user_id/application_credentials/:application_credential_id',
    handler: async (req) =>
      one(
        200,
        'application_credential',
        applicationCredentialView(await getApplicationCredential(req.ctx, param(req, 'user_id'), param(req, 'application_credential_id')), req.baseUrl),
      ),
  },
  {
    method: 'DELETE',
    path: '/v3/users/:user_id/application_credentials/:application_credential_id',
    handler: async (req) => {
      await deleteApplicationCredential(req.ctx, param(req, 'user_id'), param(req, 'application_credential_id'));
      return noContent;
    },
  },
];
