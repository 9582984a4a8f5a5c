import { z } from 'zod';
import type { Prisma } from '@nimbus/db';
import { requireAuth, type RequestContext } from '../identity/context.js';
import { authorize, can } from '../identity/resources/policy.js';
import { parseInput } from '../identity/resources/common.js';
import { countedPage, zConsolePage, type CountedPage } from '../identity/resources/console-page.js';
import { imageTarget, visibilityWhere } from './access.js';

/** Project → Images: the images the project can see (Glance's default visibility filter), counted. */
export const ZConsoleImagesInput = z.object({
  ...zConsolePage,
  sort: z.enum(['name', 'status', 'visibility', 'size', 'created']).default('name'),
  status: z.enum(['queued', 'saving', 'active', 'killed', 'deactivated']).optional(),
  visibility: z.enum(['public', 'private', 'shared', 'community']).optional(),
  /** Only images ready to boot (the launch wizard). */
  bootable: z.boolean().optional(),
});
export type ConsoleImagesInput = z.input<typeof ZConsoleImagesInput>;

export interface ConsoleImage {
  id: string;
  name: string | null;
  status: string;
  visibility: string;
  protected: boolean;
  diskFormat: string | null;
  containerFormat: string | null;
  size: number | null;
  minDisk: number;
  minRam: number;
  ownerProjectId: string | null;
  own: boolean;
  checksum: string | null;
  createdAt: Date;
  updatedAt: Date;
  can: { update: boolean; delete: boolean };
}

const ORDER: Record<z.output<typeof ZConsoleImagesInput>['sort'], (dir: Prisma.SortOrder) => Prisma.ImageOrderByWithRelationInput> = {
  name: (dir) => ({ name: { sort: dir, nulls: 'last' } }),
  status: (dir) => ({ status: dir }),
  visibility: (dir) => ({ visibility: dir }),
  size: (dir) => ({ size: { sort: dir, nulls: 'last' } }),
  created: (dir) => ({ createdAt: dir }),
};

export function consoleImageView(ctx: RequestContext, i: Prisma.ImageGetPayload<object>): ConsoleImage {
  const auth = requireAuth(ctx);
  const target = imageTarget(i);
  return {
    id: i.id,
    name: i.name,
    status: i.status,
    visibility: i.visibility,
    protected: i.protected,
    diskFormat: i.diskFormat,
    containerFormat: i.containerFormat,
    size: i.size === null ? null : Number(i.size),
    minDisk: i.minDisk,
    minRam: i.minRam,
    ownerProjectId: i.ownerProjectId,
    own: i.ownerProjectId === auth.projectId,
    checksum: i.checksum,
    createdAt: i.createdAt,
    updatedAt: i.updatedAt,
    can: { update: can(auth, 'image:images:update', target), delete: can(auth, 'image:images:delete', target) },
  };
}

export async function consoleListImages(ctx: RequestContext, raw: ConsoleImagesInput = {}): Promise<CountedPage<ConsoleImage>> {
  const input = parseInput(ZConsoleImagesInput, raw);
  const auth = requireAuth(ctx);
  authorize(auth, 'image:images:list', { project_id: auth.projectId ?? '' });
  const and: Prisma.ImageWhereInput[] = [visibilityWhere(auth, undefined, 'accepted')];
  if (input.q) and.push({ OR: [{ name: { contains: input.q, mode: 'insensitive' } }, { id: input.q }] });
  if (input.status) and.push({ status: input.status });
  if (input.bootable) and.push({ status: 'active' });
  if (input.visibility) and.push({ visibility: input.visibility });
  const where: Prisma.ImageWhereInput = { AND: and };
  const page = await countedPage(
    input,
    () => ctx.db.image.count({ where }),
    (skip, take) => ctx.db.image.findMany({ where, orderBy: [ORDER[input.sort](input.dir), { id: 'asc' }], skip, take }),
  );
  return { ...page, items: page.items.map((i) => consoleImageView(ctx, i)) };
}
