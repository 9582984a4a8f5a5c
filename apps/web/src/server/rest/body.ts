import type { IncomingMessage } from 'node:http';
import { BadRequest, PayloadTooLarge } from '@nimbus/shared';

/** Reads the whole body, refusing (413) as soon as it passes `limit` bytes. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > limit) throw new PayloadTooLarge(`Request is too large. Maximum body size is ${limit} bytes.`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new PayloadTooLarge(`Request is too large. Maximum body size is ${limit} bytes.`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function parseJson(raw: Buffer): unknown {
  if (raw.length === 0) throw new BadRequest('The request body is empty; a JSON object was expected.', { field: 'body' });
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch (e) {
    throw new BadRequest(`Malformed JSON in request body: ${(e as Error).message}`, { field: 'body' });
  }
}
