import type { RouteDef } from '../../router';
import { serverActionRoutes } from './actions';
import { quotaRoutes } from './quotas';
import { serverCrudRoutes } from './servers';

/** Servers, server actions, instance actions, limits and quota sets. */
export const serverRoutes: RouteDef[] = [...serverCrudRoutes, ...serverActionRoutes, ...quotaRoutes];
