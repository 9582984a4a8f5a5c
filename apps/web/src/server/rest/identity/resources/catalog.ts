import {
  createEndpoint,
  createRegion,
  createService,
  deleteEndpoint,
  deleteRegion,
  deleteService,
  endpointView,
  getEndpoint,
  getRegion,
  getService,
  listEndpoints,
  listRegions,
  listServices,
  regionView,
  serviceView,
  updateEndpoint,
  updateRegion,
  updateService,
} from '@nimbus/core/identity/resources/index';
import type { RouteDef } from '../../router';
import { collection, defined, member, noContent, one, paging, param, text } from './http';

export const regionRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/v3/regions',
    handler: async (req) => collection(req, 'regions', await listRegions(req.ctx, defined({ parent_region_id: text(req, 'parent_region_id'), ...paging(req) })), regionView),
  },
  {
    method: 'POST',
    path: '/v3/regions',
    handler: async (req) => one(201, 'region', regionView(await createRegion(req.ctx, await member(req, 'region')), req.baseUrl)),
  },
  {
    method: 'PUT',
    path: '/v3/regions/:region_id',
    handler: async (req) => one(201, 'region', regionView(await createRegion(req.ctx, await member(req, 'region'), param(req, 'region_id')), req.baseUrl)),
  },
  {
    method: 'GET',
    path: '/v3/regions/:region_id',
    handler: async (req) => one(200, 'region', regionView(await getRegion(req.ctx, param(req, 'region_id')), req.baseUrl)),
  },
  {
    method: 'PATCH',
    path: '/v3/regions/:region_id',
    handler: async (req) => one(200, 'region', regionView(await updateRegion(req.ctx, param(req, 'region_id'), await member(req, 'region')), req.baseUrl)),
  },
  {
    method: 'DELETE',
    path: '/v3/regions/:region_id',
    handler: async (req) => {
      await deleteRegion(req.ctx, param(req, 'region_id'));
      return noContent;
    },
  },
];

export const serviceRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/v3/services',
    handler: async (req) => collection(req, 'services', await listServices(req.ctx, defined({ type: text(req, 'type'), name: text(req, 'name'), ...paging(req) })), serviceView),
  },
  {
    method: 'POST',
    path: '/v3/services',
    handler: async (req) => one(201, 'service', serviceView(await createService(req.ctx, await member(req, 'service')), req.baseUrl)),
  },
  {
    method: 'GET',
    path: '/v3/services/:service_id',
    handler: async (req) => one(200, 'service', serviceView(await getService(req.ctx, param(req, 'service_id')), req.baseUrl)),
  },
  {
    method: 'PATCH',
    path: '/v3/services/:service_id',
    handler: async (req) => one(200, 'service', serviceView(await updateService(req.ctx, param(req, 'service_id'), await member(req, 'service')), req.baseUrl)),
  },
  {
    method: 'DELETE',
    path: '/v3/services/:service_id',
    handler: async (req) => {
      await deleteService(req.ctx, param(req, 'service_id'));
      return noContent;
    },
  },
];

export const endpointRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/v3/endpoints',
    handler: async (req) =>
      collection(
        req,
        'endpoints',
        await listEndpoints(req.ctx, defined({ interface: text(req, 'interface'), service_id: text(req, 'service_id'), region_id: text(req, 'region_id'), ...paging(req) })),
        endpointView,
      ),
  },
  {
    method: 'POST',
    path: '/v3/endpoints',
    handler: async (req) => one(201, 'endpoint', endpointView(await createEndpoint(req.ctx, await member(req, 'endpoint')), req.baseUrl)),
  },
  {
    method: 'GET',
    path: '/v3/endpoints/:endpoint_id',
    handler: async (req) => one(200, 'endpoint', endpointView(await getEndpoint(req.ctx, param(req, 'endpoint_id')), req.baseUrl)),
  },
  {
    method: 'PATCH',
    path: '/v3/endpoints/:endpoint_id',
    handler: async (req) => one(200, 'endpoint', endpointView(await updateEndpoint(req.ctx, param(req, 'endpoint_id'), await member(req, 'endpoint')), req.baseUrl)),
  },
  {
    method: 'DELETE',
    path: '/v3/endpoints/:endpoint_id',
    handler: async (req) => {
      await deleteEndpoint(req.ctx, param(req, 'endpoint_id'));
      return noContent;
    },
  },
];
