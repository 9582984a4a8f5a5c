import { isNimbusError, type NimbusError } from '@nimbus/shared';

/** Each OpenStack service words its faults its own way; one formatter per service. */
export interface FaultFormatter {
  (err: NimbusError): { status: number; body: unknown; headers?: Record<string, string> };
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Request Entity Too Large',
  415: 'Unsupported Media Type',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  503: 'Service Unavailable',
};

export function keystoneFault(authUri: string): FaultFormatter {
  return (err) => {
    const headers: Record<string, string> = {};
    if (err.status === 401) headers['WWW-Authenticate'] = `Keystone uri="${authUri}"`;
    return {
      status: err.status,
      body: { error: { code: err.status, message: err.message, title: TITLES[err.status] ?? 'Error' } },
      headers,
    };
  };
}

export { isNimbusError, TITLES };

/** Nova's fault key per status: `{"itemNotFound": {"code": 404, "message": ...}}`. */
const NOVA_FAULTS: Record<number, string> = {
  400: 'badRequest',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'itemNotFound',
  405: 'badMethod',
  409: 'conflictingRequest',
  413: 'overLimit',
  415: 'badMediaType',
  501: 'notImplemented',
  503: 'serviceUnavailable',
};

export function novaFault(): FaultFormatter {
  return (err) => ({
    status: err.status,
    body: { [NOVA_FAULTS[err.status] ?? 'computeFault']: { code: err.status, message: err.message } },
  });
}

/** Glance v2 answers errors as a short title/message document. */
export function glanceFault(): FaultFormatter {
  return (err) => ({
    status: err.status,
    body: { code: err.status, title: TITLES[err.status] ?? 'Error', message: err.message },
  });
}
