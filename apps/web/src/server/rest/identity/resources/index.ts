import type { RouteDef } from '../../router';

/** Keystone's resource APIs (domains, projects, users, ...); filled in by the resources work. */
export const identityResourceRoutes: RouteDef[] = [];
