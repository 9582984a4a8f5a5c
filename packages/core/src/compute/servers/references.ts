import { BadRequest } from '@nimbus/shared';
import type { Flavor, Image, KeyPair } from '@nimbus/db';
import type { AuthContext, RequestContext } from '../../identity/context.js';
import { isAdmin, refId } from './common.js';

/**
 * What a server request refers to (flavor, image, key pair, availability zone), checked the way
 * Nova checks them: each missing or inaccessible reference is a 400 naming the field.
 */

/** A flavor the caller may use: public, or private with the caller's project on its access list. */
export async function usableFlavor(ctx: RequestContext, auth: AuthContext, ref: string, field = 'flavorRef'): Promise<Flavor> {
  const id = refId(ref);
  const flavor = await ctx.db.flavor.findUnique({ where: { id }, include: { access: { where: { projectId: auth.projectId ?? '' } } } });
  const visible = flavor && (flavor.isPublic || flavor.access.length > 0 || isAdmin(ctx));
  if (!flavor || !visible) throw new BadRequest(`Invalid ${field} provided.`, { field });
  if (flavor.disabled) throw new BadRequest(`Invalid ${field} provided: flavor ${id} is disabled.`, { field });
  return flavor;
}

/** An active image the caller's project can see (Glance's visibility rules). */
export async function bootableImage(ctx: RequestContext, auth: AuthContext, ref: string): Promise<Image> {
  const id = refId(ref);
  const project = auth.projectId ?? '';
  const image = await ctx.db.image.findUnique({ where: { id }, include: { members: { where: { projectId: project } } } });
  const visible =
    image &&
    (isAdmin(ctx) ||
      image.ownerProjectId === project ||
      image.visibility === 'public' ||
      image.visibility === 'community' ||
      (image.visibility === 'shared' && image.members.some((m) => m.status === 'accepted')));
  if (!image || !visible) throw new BadRequest('Invalid imageRef provided: can not find requested image.', { field: 'imageRef' });
  if (image.status !== 'active') throw new BadRequest(`Invalid imageRef provided: image ${id} is not active.`, { field: 'imageRef' });
  return image;
}

/** Nova's size checks of a flavor against an image's minimums. */
export function checkFlavorFitsImage(flavor: Pick<Flavor, 'ramMb' | 'diskGb'>, image: Pick<Image, 'minRam' | 'minDisk' | 'size'>): void {
  if (flavor.ramMb < image.minRam) throw new BadRequest("Invalid flavorRef provided: flavor's memory is too small for requested image.", { field: 'flavorRef' });
  if (flavor.diskGb > 0 && flavor.diskGb < image.minDisk) throw new BadRequest("Invalid flavorRef provided: flavor's disk is too small for requested image.", { field: 'flavorRef' });
  if (flavor.diskGb > 0 && image.size !== null && image.size > BigInt(flavor.diskGb) * 1024n ** 3n) {
    throw new BadRequest("Invalid flavorRef provided: flavor's disk is too small for requested image.", { field: 'flavorRef' });
  }
}

/** Key pairs belong to users in Nova: only the caller's own. */
export async function ownKeyPair(ctx: RequestContext, auth: AuthContext, name: string): Promise<KeyPair> {
  const key = await ctx.db.keyPair.findUnique({ where: { userId_name: { userId: auth.userId, name } } });
  if (!key) throw new BadRequest('Invalid key_name provided.', { field: 'key_name' });
  return key;
}

/**
 * `availability_zone` names a zone holding at least one compute node. Nova's `zone:host` form
 * (forcing a host) is refused: the scheduler has no way to honour it yet.
 */
export async function requestedZone(ctx: RequestContext, value: string): Promise<string> {
  const [zone = '', host] = value.split(':');
  if (host) throw new BadRequest('Forcing a host through availability_zone is not supported.', { field: 'availability_zone' });
  const count = zone ? await ctx.db.computeNode.count({ where: { availabilityZone: zone, roles: { has: 'compute' } } }) : 0;
  if (!count) throw new BadRequest('Invalid availability_zone provided: the requested availability zone is not available.', { field: 'availability_zone' });
  return zone;
}
