import type { RouteDef } from '../router';
import { imageVersionRoutes } from './versions';
import { imageSchemaRoutes } from './schemas';
import { imageRoutes as imagesV2 } from './images';
import { imageMemberRoutes } from './members';

/** Glance v2 (`/image`): versions, images with their data, tags and actions, members, schemas. */
export const imageRoutes: RouteDef[] = [...imageVersionRoutes, ...imageSchemaRoutes, ...imagesV2, ...imageMemberRoutes];
