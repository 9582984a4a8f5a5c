import { Forbidden, NotFound } from '@nimbus/shared';
import type { Image, ImageMember, Prisma } from '@nimbus/db';
import { requireAuth, type AuthContext, type RequestContext } from '../identity/context.js';
import { authorize, can } from '../identity/resources/policy.js';

export type ImageWithMembers = Image & { members: ImageMember[] };

/** Glance's `is_admin`: the token's own roles satisfy `admin_required` (policy-file overridable). */
export function isImageAdmin(auth: AuthContext): boolean {
  return can(auth, 'admin_required', {});
}

/** The caller's project; image calls need a project-scoped token (Glance owns images by project). */
export function callerProject(auth: AuthContext): string {
  if (!auth.projectId) throw new Forbidden('Image operations require a project-scoped token.');
  return auth.projectId;
}

/** Policy target of an existing image: its owner is the project the rules compare against. */
export function imageTarget(image: Pick<Image, 'ownerProjectId' | 'visibility' | 'id'>) {
  return { project_id: image.ownerProjectId ?? '', owner: image.ownerProjectId ?? '', visibility: image.visibility, image_id: image.id };
}

/**
 * Whether the caller may see the image at all. Invisible images answer 404, never 403, so
 * their existence does not leak. Members see a shared image whatever their member status (so
 * they can accept it); lists show only accepted ones by default.
 */
export function canSee(auth: AuthContext, image: ImageWithMembers): boolean {
  if (isImageAdmin(auth)) return true;
  const project = auth.projectId;
  if (project && image.ownerProjectId === project) return true;
  if (image.visibility === 'public' || image.visibility === 'community') return true;
  return image.visibility === 'shared' && image.members.some((m) => m.projectId === project);
}

export function imageNotFound(id: string): NotFound {
  return new NotFound(`No image found with ID ${id}`);
}

/** The image when the caller may see it, with the caller's own membership row (if any). */
export async function findVisibleImage(ctx: RequestContext, id: string, rule: string): Promise<ImageWithMembers> {
  const auth = requireAuth(ctx);
  const image = await ctx.db.image.findUnique({ where: { id }, include: { members: { where: { projectId: auth.projectId ?? '' } } } });
  if (!image || !canSee(auth, image)) throw imageNotFound(id);
  authorize(auth, rule, imageTarget(image));
  return image;
}

/** Which images a project's list shows (Glance's visibility filter semantics). */
export function visibilityWhere(
  auth: AuthContext,
  visibility: 'public' | 'private' | 'shared' | 'community' | 'all' | undefined,
  memberStatus: 'pending' | 'accepted' | 'rejected' | 'all',
): Prisma.ImageWhereInput {
  if (isImageAdmin(auth)) return visibility && visibility !== 'all' ? { visibility } : {};
  const project = auth.projectId ?? '';
  const asMember: Prisma.ImageWhereInput = {
    visibility: 'shared',
    members: { some: { projectId: project, ...(memberStatus === 'all' ? {} : { status: memberStatus }) } },
  };
  const own: Prisma.ImageWhereInput = { ownerProjectId: project };
  switch (visibility) {
    case 'public':
      return { visibility: 'public' };
    case 'community':
      return { visibility: 'community' };
    case 'private':
      return { visibility: 'private', ...own };
    case 'shared':
      return { OR: [{ visibility: 'shared', ...own }, asMember] };
    case 'all':
      return { OR: [own, { visibility: 'public' }, { visibility: 'community' }, asMember] };
    default:
      return { OR: [own, { visibility: 'public' }, asMember] };
  }
}
