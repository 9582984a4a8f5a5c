import { z } from 'zod';
import { BadRequest } from '@nimbus/shared';
import type { Image, Prisma } from '@nimbus/db';
import { requireAuth, type RequestContext } from '../identity/context.js';
import { authorize } from '../identity/resources/policy.js';
import { parseInput } from '../identity/resources/common.js';
import { visibilityWhere } from './access.js';
import { CONTAINER_FORMATS, DISK_FORMATS, MEMBER_STATUSES, VISIBILITIES } from './fields.js';

/** Glance's limit_param_default and api_limit_max. */
export const DEFAULT_LIMIT = 25;
export const MAX_LIMIT = 1000;

const SORT_COLUMNS = {
  name: 'name',
  status: 'status',
  container_format: 'containerFormat',
  disk_format: 'diskFormat',
  size: 'size',
  id: 'id',
  created_at: 'createdAt',
  updated_at: 'updatedAt',
  visibility: 'visibility',
  owner: 'ownerProjectId',
  min_disk: 'minDisk',
  min_ram: 'minRam',
  protected: 'protected',
} as const;
type SortKey = keyof typeof SORT_COLUMNS;
const zSortKey = z.enum(Object.keys(SORT_COLUMNS) as [SortKey, ...SortKey[]], `must be one of ${Object.keys(SORT_COLUMNS).join(', ')}`);
const zSortDir = z.enum(['asc', 'desc'], "must be 'asc' or 'desc'");
const zInt = z.coerce.number().int('must be an integer');

/** Query strings as the REST layer hands them over; `in:` lists already split. */
export const ZListImagesInput = z.object({
  name: z.array(z.string()).optional(),
  id: z.array(z.string()).optional(),
  status: z.array(z.string()).optional(),
  visibility: z.enum([...VISIBILITIES, 'all']).optional(),
  owner: z.string().optional(),
  tag: z.array(z.string()).optional(),
  member_status: z.enum([...MEMBER_STATUSES, 'all']).optional(),
  disk_format: z.array(z.enum(DISK_FORMATS)).optional(),
  container_format: z.array(z.enum(CONTAINER_FORMATS)).optional(),
  size_min: zInt.min(0, 'must be >= 0').optional(),
  size_max: zInt.min(0, 'must be >= 0').optional(),
  protected: z.enum(['true', 'false'], "must be 'true' or 'false'").optional(),
  sort_key: z.array(zSortKey).optional(),
  sort_dir: z.array(zSortDir).optional(),
  sort: z.string().optional(),
  marker: z.string().optional(),
  limit: zInt.min(0, 'must be a non-negative integer').optional(),
});
export type ListImagesInput = z.input<typeof ZListImagesInput>;

export interface ImagePage {
  images: Image[];
  /** Marker for the next page when this one is full. */
  nextMarker: string | null;
}

function sortOrder(input: z.output<typeof ZListImagesInput>): { key: SortKey; dir: 'asc' | 'desc' }[] {
  if (input.sort !== undefined) {
    if (input.sort_key || input.sort_dir) throw new BadRequest("Invalid input for field 'sort': 'sort' cannot be combined with 'sort_key' or 'sort_dir'", { field: 'sort' });
    return input.sort.split(',').map((part, i) => {
      const [key, dir] = part.trim().split(':');
      const k = zSortKey.safeParse(key);
      if (!k.success) throw new BadRequest(`Invalid input for field 'sort': invalid sort key '${key}'`, { field: 'sort' });
      const d = zSortDir.safeParse(dir ?? 'desc');
      if (!d.success) throw new BadRequest(`Invalid input for field 'sort': invalid sort direction '${dir}' at ${i}`, { field: 'sort' });
      return { key: k.data, dir: d.data };
    });
  }
  const keys = input.sort_key ?? ['created_at'];
  const dirs = input.sort_dir ?? [];
  if (dirs.length > 1 && dirs.length !== keys.length) {
    throw new BadRequest("Invalid input for field 'sort_dir': give one direction, or one per sort_key", { field: 'sort_dir' });
  }
  return keys.map((key, i) => ({ key, dir: dirs[dirs.length > 1 ? i : 0] ?? 'desc' }));
}

/**
 * `GET /v2/images`: the caller's visible images, filtered, sorted (created_at desc by default,
 * id as the tie-break) and paged by marker. Paging walks the ordered id list, so it stays exact
 * with nullable sort keys (a name-sorted list with unnamed images).
 */
export async function listImages(ctx: RequestContext, rawInput: ListImagesInput = {}): Promise<ImagePage> {
  const auth = requireAuth(ctx);
  authorize(auth, 'image:images:list', { project_id: auth.projectId ?? '' });
  const input = parseInput(ZListImagesInput, rawInput);
  const limit = Math.min(input.limit ?? DEFAULT_LIMIT, MAX_LIMIT);
  const order = sortOrder(input);
  const and: Prisma.ImageWhereInput[] = [visibilityWhere(auth, input.visibility, input.member_status ?? 'accepted')];
  if (input.name) and.push({ name: { in: input.name } });
  if (input.id) and.push({ id: { in: input.id } });
  if (input.status) and.push({ status: { in: input.status as Image['status'][] } });
  if (input.owner !== undefined) and.push({ ownerProjectId: input.owner });
  if (input.tag?.length) and.push({ tags: { hasEvery: input.tag } });
  if (input.disk_format) and.push({ diskFormat: { in: input.disk_format } });
  if (input.container_format) and.push({ containerFormat: { in: input.container_format } });
  if (input.size_min !== undefined) and.push({ size: { gte: BigInt(input.size_min) } });
  if (input.size_max !== undefined) and.push({ size: { lte: BigInt(input.size_max) } });
  if (input.protected !== undefined) and.push({ protected: input.protected === 'true' });
  const orderBy: Prisma.ImageOrderByWithRelationInput[] = order.map(({ key, dir }) => ({ [SORT_COLUMNS[key]]: dir }));
  if (!order.some((o) => o.key === 'id')) orderBy.push({ id: order.at(-1)?.dir ?? 'desc' });

  let start = 0;
  const ordered = await ctx.db.image.findMany({ where: { AND: and }, orderBy, select: { id: true } });
  if (input.marker !== undefined) {
    const at = ordered.findIndex((r) => r.id === input.marker);
    if (at < 0) throw new BadRequest(`Invalid input for field 'marker': marker ${input.marker} could not be found.`, { field: 'marker' });
    start = at + 1;
  }
  const pageIds = ordered.slice(start, start + limit).map((r) => r.id);
  const rows = await ctx.db.image.findMany({ where: { id: { in: pageIds } } });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const images = pageIds.map((id) => byId.get(id)).filter((r): r is Image => r !== undefined);
  const more = start + limit < ordered.length;
  return { images, nextMarker: more && limit > 0 ? (images.at(-1)?.id ?? null) : null };
}
