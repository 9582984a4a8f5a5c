import { z } from 'zod';
import { BadRequest, Forbidden } from '@nimbus/shared';
import type { Image } from '@nimbus/db';

export const DISK_FORMATS = ['ami', 'ari', 'aki', 'vhd', 'vhdx', 'vmdk', 'raw', 'qcow2', 'vdi', 'iso', 'ploop'] as const;
export const CONTAINER_FORMATS = ['ami', 'ari', 'aki', 'bare', 'ovf', 'ova', 'docker', 'compressed'] as const;
export const VISIBILITIES = ['public', 'private', 'shared', 'community'] as const;
export const MEMBER_STATUSES = ['pending', 'accepted', 'rejected'] as const;
/** Glance's image_tag_quota. */
export const MAX_TAGS = 128;

/** Attributes the server sets; a client naming one gets Glance's 403 "read-only". */
export const READ_ONLY = new Set([
  'checksum',
  'created_at',
  'direct_url',
  'file',
  'locations',
  'os_hash_algo',
  'os_hash_value',
  'schema',
  'self',
  'size',
  'status',
  'updated_at',
  'virtual_size',
  'stores',
]);
/** Never settable, not even at creation. */
const RESERVED = new Set(['deleted', 'deleted_at']);

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const int32 = z.number().int('must be an integer').min(0, 'must be >= 0').max(2 ** 31 - 1, 'must be < 2^31');
export const zTag = z.string().min(1, 'must not be empty').max(255, 'must be at most 255 characters');

/** The core (non-property) attributes a client may set, with Glance's schema constraints. */
export const ZCoreFields = z.object({
  id: z.string().regex(UUID, 'must be a UUID').optional(),
  name: z.string().max(255, 'must be at most 255 characters').nullable().optional(),
  visibility: z.enum(VISIBILITIES).optional(),
  protected: z.boolean().optional(),
  disk_format: z.enum(DISK_FORMATS).nullable().optional(),
  container_format: z.enum(CONTAINER_FORMATS).nullable().optional(),
  min_disk: int32.optional(),
  min_ram: int32.optional(),
  tags: z
    .array(zTag)
    .max(MAX_TAGS, `at most ${MAX_TAGS} tags`)
    .refine((t) => new Set(t).size === t.length, 'tags must be unique')
    .optional(),
  owner: z.string().max(255, 'must be at most 255 characters').nullable().optional(),
  os_hidden: z.boolean().optional(),
});
export type CoreFields = z.output<typeof ZCoreFields>;
export const CORE_KEYS = new Set(Object.keys(ZCoreFields.shape));

/** Splits a Glance image document into core fields and extra properties, refusing read-only keys. */
export function splitImageDoc(doc: Record<string, unknown>): { core: Record<string, unknown>; properties: Record<string, string> } {
  const core: Record<string, unknown> = {};
  const properties: Record<string, string> = {};
  for (const [key, value] of Object.entries(doc)) {
    if (READ_ONLY.has(key)) throw new Forbidden(`Attribute '${key}' is read-only.`);
    if (RESERVED.has(key)) throw new Forbidden(`Attribute '${key}' is reserved.`);
    if (CORE_KEYS.has(key)) {
      core[key] = value;
      continue;
    }
    if (key.length === 0 || key.length > 255) throw new BadRequest(`Invalid input for field '${key}': property names must be 1..255 characters`, { field: key });
    if (typeof value !== 'string') throw new BadRequest(`Invalid input for field '${key}': must be a string`, { field: key });
    if (value.length > 65535) throw new BadRequest(`Invalid input for field '${key}': must be at most 65535 characters`, { field: key });
    properties[key] = value;
  }
  return { core, properties };
}

export function propertiesOf(image: Pick<Image, 'properties'>): Record<string, unknown> {
  const p = image.properties;
  return p !== null && typeof p === 'object' && !Array.isArray(p) ? (p as Record<string, unknown>) : {};
}

function glanceTime(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** An image as Glance v2 answers it: core attributes, then the extra properties at the top level. */
export function imageView(image: Image): Record<string, unknown> {
  const props = propertiesOf(image);
  return {
    ...props,
    id: image.id,
    name: image.name,
    status: image.status,
    visibility: image.visibility,
    protected: image.protected,
    os_hidden: props.os_hidden === true,
    owner: image.ownerProjectId,
    checksum: image.checksum,
    os_hash_algo: image.osHashAlgo,
    os_hash_value: image.osHashValue,
    size: image.size === null ? null : Number(image.size),
    virtual_size: image.virtualSize === null ? null : Number(image.virtualSize),
    min_disk: image.minDisk,
    min_ram: image.minRam,
    disk_format: image.diskFormat,
    container_format: image.containerFormat,
    tags: image.tags,
    created_at: glanceTime(image.createdAt),
    updated_at: glanceTime(image.updatedAt),
    self: `/v2/images/${image.id}`,
    file: `/v2/images/${image.id}/file`,
    schema: '/v2/schemas/image',
  };
}

export function memberView(m: { imageId: string; projectId: string; status: string; createdAt: Date; updatedAt: Date }) {
  return {
    image_id: m.imageId,
    member_id: m.projectId,
    status: m.status,
    created_at: glanceTime(m.createdAt),
    updated_at: glanceTime(m.updatedAt),
    schema: '/v2/schemas/member',
  };
}
