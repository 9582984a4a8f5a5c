import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { BadRequest, Conflict, Forbidden, NotFound, OverQuota } from '@nimbus/shared';
import type { Image, Prisma } from '@nimbus/db';
import { requireAuth, type RequestContext } from '../identity/context.js';
import { authorize } from '../identity/resources/policy.js';
import { parseInput } from '../identity/resources/common.js';
import { callerProject, findVisibleImage, imageTarget, isImageAdmin } from './access.js';
import { CORE_KEYS, MAX_TAGS, propertiesOf, splitImageDoc, ZCoreFields, zTag, type CoreFields } from './fields.js';
import type { ImageStore } from './store.js';

function isUniqueViolation(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'P2002';
}

/** Publicizing and communitizing are separate rules, as in Glance. */
function authorizeVisibility(ctx: RequestContext, visibility: string | undefined, target: Record<string, unknown>): void {
  if (visibility === 'public') authorize(ctx.auth, 'image:images:publicize', target);
  if (visibility === 'community') authorize(ctx.auth, 'image:images:communitize', target);
}

/** `POST /v2/images`: a queued image record; the data comes with a later upload. */
export async function createImage(ctx: RequestContext, doc: Record<string, unknown>): Promise<Image> {
  const auth = requireAuth(ctx);
  const { core: rawCore, properties } = splitImageDoc(doc);
  const core = parseInput(ZCoreFields, rawCore);
  const owner = core.owner === undefined ? callerProject(auth) : core.owner;
  const target = { project_id: owner ?? '', owner: owner ?? '', visibility: core.visibility ?? 'shared' };
  authorize(ctx.auth, 'image:images:create', target);
  if (owner !== auth.projectId && !isImageAdmin(auth)) throw new Forbidden(`You are not permitted to create images owned by '${owner}'.`);
  authorizeVisibility(ctx, core.visibility, target);
  const id = core.id ? normalizeUuid(core.id) : randomUUID();
  try {
    return await ctx.db.image.create({
      data: {
        id,
        name: core.name ?? null,
        ownerProjectId: owner,
        visibility: core.visibility ?? 'shared',
        protected: core.protected ?? false,
        diskFormat: core.disk_format ?? null,
        containerFormat: core.container_format ?? null,
        minDisk: core.min_disk ?? 0,
        minRam: core.min_ram ?? 0,
        tags: core.tags ?? [],
        properties: { ...properties, ...(core.os_hidden !== undefined ? { os_hidden: core.os_hidden } : {}) },
      },
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new Conflict(`Image with identifier ${id} already exists!`);
    throw e;
  }
}

function normalizeUuid(id: string): string {
  const hex = id.replace(/-/g, '').toLowerCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export async function getImage(ctx: RequestContext, id: string): Promise<Image> {
  return findVisibleImage(ctx, id, 'image:images:show');
}

/** `DELETE /v2/images/{id}`: protected images refuse (403); the data goes after the record. */
export async function deleteImage(ctx: RequestContext, store: ImageStore, id: string): Promise<void> {
  const image = await findVisibleImage(ctx, id, 'image:images:delete');
  if (image.protected) throw new Forbidden(`Image ${id} is protected and cannot be deleted.`);
  const gone = await ctx.db.image.deleteMany({ where: { id, protected: false } });
  if (gone.count === 0) throw new Forbidden(`Image ${id} is protected and cannot be deleted.`);
  if (image.location) await store.delete(image.location);
}

/** Glance's deactivate: only an active (or already deactivated) image; downloads then refuse for non-admins. */
export async function deactivateImage(ctx: RequestContext, id: string): Promise<void> {
  await transition(ctx, id, 'image:images:deactivate', 'active', 'deactivated', 'deactivate');
}

export async function reactivateImage(ctx: RequestContext, id: string): Promise<void> {
  await transition(ctx, id, 'image:images:reactivate', 'deactivated', 'active', 'reactivate');
}

async function transition(ctx: RequestContext, id: string, rule: string, from: Image['status'], to: Image['status'], verb: string): Promise<void> {
  const image = await findVisibleImage(ctx, id, rule);
  if (image.status === to) return;
  const moved = await ctx.db.image.updateMany({ where: { id, status: from }, data: { status: to } });
  if (moved.count === 0) throw new Forbidden(`Not allowed to ${verb} image in status '${image.status}'`);
}

/** `PUT /v2/images/{id}/tags/{tag}`: idempotent. */
export async function addImageTag(ctx: RequestContext, id: string, tag: string): Promise<void> {
  parseInput(zTag, tag, 'tag');
  const image = await findVisibleImage(ctx, id, 'image:images:update');
  if (image.tags.includes(tag)) return;
  if (image.tags.length >= MAX_TAGS) throw new OverQuota(`Maximum number of tags exceeded: ${MAX_TAGS}`);
  await ctx.db.image.update({ where: { id }, data: { tags: { push: tag } } });
}

export async function removeImageTag(ctx: RequestContext, id: string, tag: string): Promise<void> {
  const image = await findVisibleImage(ctx, id, 'image:images:update');
  if (!image.tags.includes(tag)) throw new NotFound(`Tag ${tag} not found`);
  await ctx.db.image.update({ where: { id }, data: { tags: image.tags.filter((t) => t !== tag) } });
}

export interface PatchOp {
  op: 'add' | 'replace' | 'remove';
  path: string;
  value?: unknown;
}

const ZPatch = z
  .array(
    z.object({
      op: z.enum(['add', 'replace', 'remove'], "must be one of 'add', 'replace', 'remove'"),
      path: z.string().startsWith('/', "must be a JSON pointer starting with '/'"),
      value: z.unknown().optional(),
    }),
  )
  .max(1000, 'too many operations');

/** The attributes that only a queued image may change (Glance). */
const QUEUED_ONLY = new Set(['disk_format', 'container_format']);

function docOf(image: Image): Record<string, unknown> {
  return {
    ...propertiesOf(image),
    name: image.name,
    visibility: image.visibility,
    protected: image.protected,
    disk_format: image.diskFormat,
    container_format: image.containerFormat,
    min_disk: image.minDisk,
    min_ram: image.minRam,
    tags: image.tags,
    owner: image.ownerProjectId,
  };
}

/**
 * `PATCH /v2/images/{id}` with `application/openstack-images-v2.1-json-patch`: operations apply
 * in order to a copy; the result is validated whole and written once, or nothing changes.
 */
export async function updateImage(ctx: RequestContext, id: string, rawOps: unknown): Promise<Image> {
  const ops = parseInput(ZPatch, rawOps, 'patch');
  const image = await findVisibleImage(ctx, id, 'image:images:update');
  const doc = docOf(image);
  for (const [i, change] of ops.entries()) {
    const segments = change.path.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    const key = segments[0] ?? '';
    if (segments.length !== 1 || key === '') throw new BadRequest(`Invalid JSON pointer for this resource: '${change.path}'`, { field: `patch.${i}.path` });
    if (key === 'id') throw new Forbidden("Attribute 'id' is read-only.");
    splitImageDoc({ [key]: change.op === 'remove' ? '' : change.value }); // read-only keys → 403 before anything else
    const isCore = CORE_KEYS.has(key);
    if (change.op === 'remove') {
      if (isCore) throw new Forbidden(`Property ${key} may not be removed.`);
      if (!(key in doc)) throw new Conflict(`Property ${key} does not exist.`);
      delete doc[key];
      continue;
    }
    if (!('value' in change)) throw new BadRequest(`Invalid input for field 'patch.${i}.value': 'value' is a required property`, { field: `patch.${i}.value` });
    if (change.op === 'replace' && !(key in doc) && !isCore) throw new Conflict(`Property ${key} does not exist.`);
    if (QUEUED_ONLY.has(key) && image.status !== 'queued' && change.value !== doc[key]) {
      throw new Forbidden(`Attribute ${key} can be only replaced for a queued image.`);
    }
    doc[key] = change.value;
  }
  const { core: rawCore, properties } = splitImageDoc(doc);
  const core: CoreFields = parseInput(ZCoreFields, rawCore);
  const target = imageTarget(image);
  if (core.visibility !== image.visibility) authorizeVisibility(ctx, core.visibility, target);
  if ((core.owner ?? null) !== image.ownerProjectId && !isImageAdmin(requireAuth(ctx))) throw new Forbidden('Only an administrator may change the owner of an image.');
  const data: Prisma.ImageUpdateInput = {
    name: core.name ?? null,
    visibility: core.visibility ?? image.visibility,
    protected: core.protected ?? false,
    diskFormat: core.disk_format ?? null,
    containerFormat: core.container_format ?? null,
    minDisk: core.min_disk ?? 0,
    minRam: core.min_ram ?? 0,
    tags: core.tags ?? [],
    ownerProjectId: core.owner ?? null,
    properties: { ...properties, ...(core.os_hidden !== undefined ? { os_hidden: core.os_hidden } : {}) },
  };
  const updated = await ctx.db.image.updateMany({ where: { id, updatedAt: image.updatedAt }, data: data as Prisma.ImageUpdateManyMutationInput });
  if (updated.count === 0) throw new Conflict(`Image ${id} was changed by another request; retry.`);
  return ctx.db.image.findUniqueOrThrow({ where: { id } });
}
