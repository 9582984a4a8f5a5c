import { createDomain, deleteDomain, domainView, getDomain, listDomains, updateDomain } from '@nimbus/core/identity/resources/index';
import type { RouteDef } from '../../router';
import { collection, defined, flag, member, noContent, one, paging, param, text } from './http';

export const domainRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/v3/domains',
    handler: async (req) =>
      collection(req, 'domains', await listDomains(req.ctx, defined({ name: text(req, 'name'), enabled: flag(req, 'enabled'), ...paging(req) })), domainView),
  },
  {
    method: 'POST',
    path: '/v3/domains',
    handler: async (req) => one(201, 'domain', domainView(await createDomain(req.ctx, await member(req, 'domain')), req.baseUrl)),
  },
  {
    method: 'GET',
    path: '/v3/domains/:domain_id',
    handler: async (req) => one(200, 'domain', domainView(await getDomain(req.ctx, param(req, 'domain_id')), req.baseUrl)),
  },
  {
    method: 'PATCH',
    path: '/v3/domains/:domain_id',
    handler: async (req) => one(200, 'domain', domainView(await updateDomain(req.ctx, param(req, 'domain_id'), await member(req, 'domain')), req.baseUrl)),
  },
  {
    method: 'DELETE',
    path: '/v3/domains/:domain_id',
    handler: async (req) => {
      await deleteDomain(req.ctx, param(req, 'domain_id'));
      return noContent;
    },
  },
];
