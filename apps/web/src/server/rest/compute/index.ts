import type { RouteDef } from '../router';

/** Nova v2.1 (`/compute`): filled in by the compute API work. */
export const computeRoutes: RouteDef[] = [];
