import { BadRequest, UnsupportedMediaType } from '@nimbus/shared';
import {
  addImageTag,
  createImage,
  deactivateImage,
  deleteImage,
  fileImageStore,
  getImage,
  imageView,
  listImages,
  openImageData,
  reactivateImage,
  removeImageTag,
  updateImage,
  uploadImageData,
  type ListImagesInput,
} from '@nimbus/core/image/index';
import { runtime } from '../../runtime';
import type { RestRequest, RestResponse, RouteDef } from '../router';

const PATCH_TYPE = 'application/openstack-images-v2.1-json-patch';

function store() {
  return fileImageStore(runtime().config.NIMBUS_DATA_DIR);
}

function id(req: RestRequest): string {
  return req.params.image_id ?? '';
}

function mediaType(req: RestRequest): string {
  return (req.headers.get('content-type') ?? '').split(';', 1)[0]?.trim().toLowerCase() ?? '';
}

async function objectBody(req: RestRequest): Promise<Record<string, unknown>> {
  const body = await req.json();
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new BadRequest('Invalid input: the request body must be a JSON object', { field: 'body' });
  return body as Record<string, unknown>;
}

/** `name=in:a,"b,c"` → ['a', 'b,c']; a plain value is a list of one. */
function inList(value: string): string[] {
  if (!value.startsWith('in:')) return [value];
  const out: string[] = [];
  for (const m of value.slice(3).matchAll(/"((?:[^"\\]|\\.)*)"|([^,]+)/g)) out.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : (m[2] ?? '').trim());
  return out;
}

/** Glance's list query: repeated `tag`, `sort_key`, `sort_dir`; `in:` lists on the exact-match filters. */
function listInput(req: RestRequest): ListImagesInput {
  const q = req.query;
  const input: Record<string, unknown> = {};
  for (const key of ['name', 'id', 'status', 'disk_format', 'container_format']) {
    const v = q.get(key);
    if (v !== null) input[key] = inList(v);
  }
  for (const key of ['visibility', 'owner', 'member_status', 'size_min', 'size_max', 'protected', 'sort', 'marker', 'limit']) {
    const v = q.get(key);
    if (v !== null) input[key] = v;
  }
  const tags = q.getAll('tag');
  if (tags.length) input.tag = tags;
  const keys = q.getAll('sort_key').flatMap((s) => s.split(','));
  if (keys.length) input.sort_key = keys;
  const dirs = q.getAll('sort_dir').flatMap((s) => s.split(','));
  if (dirs.length) input.sort_dir = dirs;
  return input as ListImagesInput;
}

function nextLink(req: RestRequest, marker: string): string {
  const q = new URLSearchParams(req.query);
  q.set('marker', marker);
  return `/v2/images?${q.toString()}`;
}

function image(status: number, img: Parameters<typeof imageView>[0]): RestResponse {
  return { status, body: imageView(img) };
}

export const imageRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/v2/images',
    handler: async (req) => {
      const page = await listImages(req.ctx, listInput(req));
      const body: Record<string, unknown> = { images: page.images.map(imageView), first: '/v2/images', schema: '/v2/schemas/images' };
      if (page.nextMarker) body.next = nextLink(req, page.nextMarker);
      return { status: 200, body };
    },
  },
  { method: 'POST', path: '/v2/images', handler: async (req) => image(201, await createImage(req.ctx, await objectBody(req))) },
  { method: 'GET', path: '/v2/images/:image_id', handler: async (req) => image(200, await getImage(req.ctx, id(req))) },
  {
    method: 'PATCH',
    path: '/v2/images/:image_id',
    handler: async (req) => {
      if (mediaType(req) !== PATCH_TYPE) throw new UnsupportedMediaType(`Unsupported Content-Type; use '${PATCH_TYPE}'.`);
      return image(200, await updateImage(req.ctx, id(req), await req.json()));
    },
  },
  {
    method: 'DELETE',
    path: '/v2/images/:image_id',
    handler: async (req) => {
      await deleteImage(req.ctx, store(), id(req));
      return { status: 204 };
    },
  },
  {
    method: 'PUT',
    path: '/v2/images/:image_id/file',
    handler: async (req) => {
      if (mediaType(req) !== 'application/octet-stream') throw new UnsupportedMediaType("Unsupported Content-Type; image data is 'application/octet-stream'.");
      await uploadImageData(req.ctx, store(), id(req), req.raw);
      return { status: 204 };
    },
  },
  {
    method: 'GET',
    path: '/v2/images/:image_id/file',
    handler: async (req) => {
      const data = await openImageData(req.ctx, store(), id(req));
      if (!data) return { status: 204 };
      const headers: Record<string, string> = { 'Content-Type': 'application/octet-stream', 'Content-Length': String(data.size) };
      if (data.image.checksum) headers['Content-MD5'] = data.image.checksum;
      return { status: 200, headers, stream: data.stream };
    },
  },
  {
    method: 'POST',
    path: '/v2/images/:image_id/actions/deactivate',
    handler: async (req) => {
      await deactivateImage(req.ctx, id(req));
      return { status: 204 };
    },
  },
  {
    method: 'POST',
    path: '/v2/images/:image_id/actions/reactivate',
    handler: async (req) => {
      await reactivateImage(req.ctx, id(req));
      return { status: 204 };
    },
  },
  {
    method: 'PUT',
    path: '/v2/images/:image_id/tags/:tag',
    handler: async (req) => {
      await addImageTag(req.ctx, id(req), req.params.tag ?? '');
      return { status: 204 };
    },
  },
  {
    method: 'DELETE',
    path: '/v2/images/:image_id/tags/:tag',
    handler: async (req) => {
      await removeImageTag(req.ctx, id(req), req.params.tag ?? '');
      return { status: 204 };
    },
  },
];
