import { BadRequest, Forbidden, isNimbusError, OverQuota } from '@nimbus/shared';
import type { RestRequest } from '../../router';
import { versioned, type ComputeHandler, type VersionBounds } from '../microversion';

/**
 * A compute route: microversion negotiated by `versioned`, and quota faults answered as Nova
 * answers them for servers — 403 `forbidden`, not the 413 of the shared error family.
 */
export function route(handler: ComputeHandler, bounds?: VersionBounds) {
  return versioned(async (req, v) => {
    try {
      return await handler(req, v);
    } catch (err) {
      if (isNimbusError(err) && err instanceof OverQuota) throw new Forbidden(err.message, { cause: err });
      throw err;
    }
  }, bounds);
}

/** The object under `key` of a Nova request body, or Nova's 400 naming it. */
export async function bodyMember(req: RestRequest, key: string): Promise<Record<string, unknown>> {
  const body = await req.json();
  const value = body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>)[key] : undefined;
  if (value === undefined) throw new BadRequest(`Invalid input for field/attribute ${key}. '${key}' is a required property`, { field: key });
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new BadRequest(`Invalid input for field/attribute ${key}. Value: ${JSON.stringify(value)}. must be an object`, { field: key });
  }
  return value as Record<string, unknown>;
}

export function param(req: RestRequest, name: string): string {
  return req.params[name] ?? '';
}
