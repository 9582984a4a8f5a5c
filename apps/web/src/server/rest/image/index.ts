import type { RouteDef } from '../router';

/** Glance v2 (`/image`): filled in by the image service work. */
export const imageRoutes: RouteDef[] = [];
