import { NotFound } from '@nimbus/shared';
import { neutronError, neutronTypeOf } from '@nimbus/core/network/errors';
import type { FaultFormatter } from '../faults';

const NEUTRON_TYPES: Record<number, string> = { 400: 'HTTPBadRequest', 401: 'HTTPUnauthorized', 403: 'HTTPForbidden', 404: 'HTTPNotFound', 405: 'HTTPMethodNotAllowed', 409: 'HTTPConflict', 413: 'HTTPRequestEntityTooLarge' };

/** Neutron's fault body: `{"NeutronError": {"type", "message", "detail"}}`, `type` naming the fault (`NetworkNotFound`, ...). */
export function neutronFault(): FaultFormatter {
  return (err) => ({
    status: err.status,
    body: { NeutronError: { type: neutronTypeOf(err) ?? NEUTRON_TYPES[err.status] ?? 'HTTPInternalServerError', message: err.message, detail: '' } },
  });
}

export function notFoundFault(type: string, message: string): NotFound {
  return neutronError(new NotFound(message), type);
}
