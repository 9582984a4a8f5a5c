/**
 * The one error family of nimbus. Services throw these; each surface maps them once:
 * tRPC (apps/web/src/server/api/errors.ts) and every REST service to its own fault body.
 */
export type ErrorKind =
  | 'BadRequest'
  | 'Unauthorized'
  | 'Forbidden'
  | 'NotFound'
  | 'MethodNotAllowed'
  | 'Conflict'
  | 'OverQuota'
  | 'PayloadTooLarge'
  | 'UnsupportedMediaType'
  | 'NotImplemented'
  | 'ServiceUnavailable';

// The server loads these modules twice (tsx for server.ts, Next's bundle for pages and route
// handlers), so class identity cannot be trusted: a registered symbol brands every instance and
// `instanceof` checks the brand and the class name instead.
const BRAND = Symbol.for('nimbus.error');

export abstract class NimbusError extends Error {
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (typeof value !== 'object' || value === null || !(BRAND in value)) return false;
    return this === NimbusError || (value as { name?: unknown }).name === this.name;
  }

  readonly [BRAND] = true;
  abstract readonly kind: ErrorKind;
  abstract readonly status: number;
  /** The request field at fault, when there is one (`user.name`, `auth.scope.project.id`). */
  readonly field?: string;

  constructor(message: string, options?: { field?: string; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    if (options?.field !== undefined) this.field = options.field;
  }
}

export class BadRequest extends NimbusError {
  readonly kind = 'BadRequest';
  readonly status = 400;
}
export class Unauthorized extends NimbusError {
  readonly kind = 'Unauthorized';
  readonly status = 401;
}
export class Forbidden extends NimbusError {
  readonly kind = 'Forbidden';
  readonly status = 403;
}
export class NotFound extends NimbusError {
  readonly kind = 'NotFound';
  readonly status = 404;
}
export class MethodNotAllowed extends NimbusError {
  readonly kind = 'MethodNotAllowed';
  readonly status = 405;
}
export class Conflict extends NimbusError {
  readonly kind = 'Conflict';
  readonly status = 409;
}
/** 413 for Nova/Cinder-style quota faults; services that answer 403 map it themselves. */
export class OverQuota extends NimbusError {
  readonly kind = 'OverQuota';
  readonly status = 413;
}
export class PayloadTooLarge extends NimbusError {
  readonly kind = 'PayloadTooLarge';
  readonly status = 413;
}
export class UnsupportedMediaType extends NimbusError {
  readonly kind = 'UnsupportedMediaType';
  readonly status = 415;
}
export class NotImplemented extends NimbusError {
  readonly kind = 'NotImplemented';
  readonly status = 501;
}
export class ServiceUnavailable extends NimbusError {
  readonly kind = 'ServiceUnavailable';
  readonly status = 503;
}

export function isNimbusError(e: unknown): e is NimbusError {
  return e instanceof NimbusError;
}
