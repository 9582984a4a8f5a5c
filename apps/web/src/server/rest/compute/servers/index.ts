import type { RouteDef } from '../../router';

/** Servers, actions, instance actions, quotas and limits: filled in by the servers work. */
export const serverRoutes: RouteDef[] = [];
