import { z } from 'zod';
import { Conflict, Forbidden, NotFound } from '@nimbus/shared';
import type { ImageMember } from '@nimbus/db';
import { requireAuth, type RequestContext } from '../identity/context.js';
import { parseInput } from '../identity/resources/common.js';
import { findVisibleImage, isImageAdmin, type ImageWithMembers } from './access.js';
import { MEMBER_STATUSES } from './fields.js';

const ZCreateMember = z.object({ member: z.string().min(1, 'must not be empty').max(255, 'must be at most 255 characters') });
const ZUpdateMember = z.object({ status: z.enum(MEMBER_STATUSES, `must be one of ${MEMBER_STATUSES.join(', ')}`) });

function onlyShared(image: ImageWithMembers): void {
  if (image.visibility !== 'shared') throw new Forbidden(`Only shared images have members.`);
}

function isOwnerOrAdmin(ctx: RequestContext, image: ImageWithMembers): boolean {
  const auth = requireAuth(ctx);
  return isImageAdmin(auth) || (auth.projectId !== undefined && image.ownerProjectId === auth.projectId);
}

/** Owners see every member; a member sees only itself. */
export async function listImageMembers(ctx: RequestContext, imageId: string): Promise<ImageMember[]> {
  const image = await findVisibleImage(ctx, imageId, 'image:members:list');
  onlyShared(image);
  if (isOwnerOrAdmin(ctx, image)) return ctx.db.imageMember.findMany({ where: { imageId }, orderBy: { createdAt: 'asc' } });
  return image.members;
}

export async function getImageMember(ctx: RequestContext, imageId: string, memberId: string): Promise<ImageMember> {
  const image = await findVisibleImage(ctx, imageId, 'image:members:show');
  onlyShared(image);
  const mine = requireAuth(ctx).projectId === memberId;
  const member = mine || isOwnerOrAdmin(ctx, image) ? await ctx.db.imageMember.findUnique({ where: { imageId_projectId: { imageId, projectId: memberId } } }) : null;
  if (!member) throw new NotFound(`Member ${memberId} not found for image ${imageId}`);
  return member;
}

export async function createImageMember(ctx: RequestContext, imageId: string, body: unknown): Promise<ImageMember> {
  const input = parseInput(ZCreateMember, body);
  const image = await findVisibleImage(ctx, imageId, 'image:members:create');
  onlyShared(image);
  if (!isOwnerOrAdmin(ctx, image)) throw new Forbidden('Only the image owner may add members.');
  const existing = await ctx.db.imageMember.findUnique({ where: { imageId_projectId: { imageId, projectId: input.member } } });
  if (existing) throw new Conflict(`Member ${input.member} already exists for image ${imageId}.`);
  try {
    return await ctx.db.imageMember.create({ data: { imageId, projectId: input.member } });
  } catch (e) {
    if ((e as { code?: unknown }).code === 'P2002') throw new Conflict(`Member ${input.member} already exists for image ${imageId}.`);
    throw e;
  }
}

/** Only the member itself accepts or rejects a share. */
export async function updateImageMember(ctx: RequestContext, imageId: string, memberId: string, body: unknown): Promise<ImageMember> {
  const input = parseInput(ZUpdateMember, body);
  const image = await findVisibleImage(ctx, imageId, 'image:members:update');
  onlyShared(image);
  const member = await getImageMember(ctx, imageId, memberId);
  if (requireAuth(ctx).projectId !== memberId) throw new Forbidden('Only the member may change its membership status.');
  return ctx.db.imageMember.update({ where: { imageId_projectId: { imageId, projectId: member.projectId } }, data: { status: input.status } });
}

export async function deleteImageMember(ctx: RequestContext, imageId: string, memberId: string): Promise<void> {
  const image = await findVisibleImage(ctx, imageId, 'image:members:delete');
  onlyShared(image);
  if (!isOwnerOrAdmin(ctx, image)) throw new Forbidden('Only the image owner may remove members.');
  const gone = await ctx.db.imageMember.deleteMany({ where: { imageId, projectId: memberId } });
  if (gone.count === 0) throw new NotFound(`Member ${memberId} not found for image ${imageId}`);
}
