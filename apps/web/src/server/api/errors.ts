import { TRPCError, type TRPC_ERROR_CODE_KEY } from '@trpc/server';
import { isNimbusError } from '@nimbus/shared';

const CODES: Record<number, TRPC_ERROR_CODE_KEY> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  501: 'NOT_IMPLEMENTED',
  503: 'SERVICE_UNAVAILABLE',
};

/** The one mapping from nimbus's error family to tRPC; the field rides along for the form to show. */
export function toTRPCError(err: unknown): TRPCError {
  if (err instanceof TRPCError) return err;
  if (isNimbusError(err)) {
    return new TRPCError({ code: CODES[err.status] ?? 'INTERNAL_SERVER_ERROR', message: err.message, cause: err });
  }
  return new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'Something went wrong.', cause: err });
}
