import { addRouterInterface, changeExtraRoutes, createRouter, deleteRouter, getRouter, listRouters, removeRouterInterface, updateRouter } from '@nimbus/core/network/routers';
import type { RouteDef } from '../router';
import { collection } from './resources';

export const routerRoutes: RouteDef[] = [
  ...collection('routers', 'router', 'routers', { list: listRouters, get: getRouter, create: createRouter, update: updateRouter, remove: deleteRouter }),
  { method: 'PUT', path: '/v2.0/routers/:id/add_router_interface', handler: async (req) => ({ status: 200, body: await addRouterInterface(req.ctx, req.params.id!, await req.json()) }) },
  { method: 'PUT', path: '/v2.0/routers/:id/add_extraroutes', handler: async (req) => ({ status: 200, body: { router: await changeExtraRoutes(req.ctx, req.params.id!, await req.json(), 'add') } }) },
  { method: 'PUT', path: '/v2.0/routers/:id/remove_extraroutes', handler: async (req) => ({ status: 200, body: { router: await changeExtraRoutes(req.ctx, req.params.id!, await req.json(), 'remove') } }) },
  { method: 'PUT', path: '/v2.0/routers/:id/remove_router_interface', handler: async (req) => ({ status: 200, body: await removeRouterInterface(req.ctx, req.params.id!, await req.json()) }) },
];
