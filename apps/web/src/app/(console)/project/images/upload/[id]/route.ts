import { Readable } from 'node:stream';
import type { ReadableStream as NodeWebStream } from 'node:stream/web';
import { isNimbusError } from '@nimbus/shared';
import { publishChange } from '@nimbus/core/events/changes';
import { uploadImageData } from '@nimbus/core/image/data';
import { consoleContext, sameOrigin } from '@/server/console-request';
import { imageStore } from '@/server/api/routers/images/store';
import { getSession } from '@/server/session';

export const dynamic = 'force-dynamic';

function json(status: number, body: unknown): Response {
  return Response.json(body, { status, headers: { 'cache-control': 'no-store' } });
}

/**
 * The console's image upload: the browser PUTs the file here with its session cookie (it holds no
 * token), and the body streams into the same core function the Glance API uses — never buffered
 * whole. Same-origin and the session's CSRF token, as for every console mutation.
 */
export async function PUT(req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const session = await getSession();
  if (!session) return json(401, { message: 'Your session has expired. Please log in again.' });
  if (!sameOrigin(req) || req.headers.get('x-csrf-token') !== session.csrf) return json(403, { message: 'Invalid CSRF token.' });
  if (!req.body) return json(400, { message: 'The upload has no data.' });
  const { id } = await params;
  const ctx = consoleContext(session.auth);
  try {
    const body = Readable.fromWeb(req.body as unknown as NodeWebStream<Uint8Array>);
    const image = await uploadImageData(ctx, imageStore(), id, body);
    await publishChange(ctx.redis, ctx.keyPrefix, { type: 'image', id, projectId: image.ownerProjectId });
    return json(200, { id: image.id, status: image.status, size: image.size === null ? null : Number(image.size), checksum: image.checksum });
  } catch (err) {
    await publishChange(ctx.redis, ctx.keyPrefix, { type: 'image', id, projectId: session.auth.projectId ?? null });
    if (isNimbusError(err)) return json(err.status, { message: err.message });
    ctx.log.error({ err, imageId: id }, 'console image upload failed');
    return json(500, { message: 'The upload failed.' });
  }
}
