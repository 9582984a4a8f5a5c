import { isNimbusError, NotFound } from '@nimbus/shared';
import { novaFault } from '../faults';
import type { RestHandler, RestRequest, RestResponse } from '../router';

/**
 * The compute microversions nimbus honours. 2.79 is the last one whose request/response changes
 * (flavors with extra specs, keypair types and owners, UUID service/hypervisor ids, server
 * `delete_on_termination`) are implemented; 2.80+ are refused with 406 like any unknown version.
 */
export const MIN_MICROVERSION = '2.1';
export const MAX_MICROVERSION = '2.79';

export class Microversion {
  constructor(
    readonly major: number,
    readonly minor: number,
  ) {}

  static parse(text: string): Microversion | null {
    const m = /^(\d+)\.(\d+)$/.exec(text.trim());
    return m ? new Microversion(Number(m[1]), Number(m[2])) : null;
  }

  compare(other: Microversion | string): number {
    const o = typeof other === 'string' ? (Microversion.parse(other) as Microversion) : other;
    return this.major - o.major || this.minor - o.minor;
  }

  /** `mv.atLeast('2.53')`: the request asked for 2.53 or later. */
  atLeast(version: string): boolean {
    return this.compare(version) >= 0;
  }

  toString(): string {
    return `${this.major}.${this.minor}`;
  }
}

const MIN = Microversion.parse(MIN_MICROVERSION) as Microversion;
const MAX = Microversion.parse(MAX_MICROVERSION) as Microversion;

/** The `compute X.Y` entry of `OpenStack-API-Version` (a comma list), else the legacy Nova header. */
function requestedText(req: Pick<RestRequest, 'headers'>): string | null {
  const modern = req.headers.get('openstack-api-version');
  if (modern) {
    for (const entry of modern.split(',')) {
      const [service, version] = entry.trim().split(/\s+/, 2);
      if (service?.toLowerCase() === 'compute' && version) return version;
    }
  }
  return req.headers.get('x-openstack-nova-api-version');
}

export type MicroversionResult = { ok: true; version: Microversion } | { ok: false; status: 400 | 406; message: string };

/** Nova's rules: no header → 2.1, `latest` → the maximum, anything outside [min, max] → 406. */
export function requestedMicroversion(req: Pick<RestRequest, 'headers'>): MicroversionResult {
  const text = requestedText(req);
  if (text === null) return { ok: true, version: MIN };
  if (text.trim().toLowerCase() === 'latest') return { ok: true, version: MAX };
  const version = Microversion.parse(text);
  if (!version) {
    return { ok: false, status: 400, message: `API Version String ${text} is of invalid format. Must be of format MajorNum.MinorNum.` };
  }
  if (version.compare(MIN) < 0 || version.compare(MAX) > 0) {
    return { ok: false, status: 406, message: `Version ${text} is not supported by the API. Minimum is ${MIN_MICROVERSION} and maximum is ${MAX_MICROVERSION}.` };
  }
  return { ok: true, version };
}

/** The headers Nova puts on every versioned response, so clients see what they were served. */
export function microversionHeaders(version: Microversion): Record<string, string> {
  return {
    'OpenStack-API-Version': `compute ${version}`,
    'X-OpenStack-Nova-API-Version': String(version),
    Vary: 'X-Auth-Token, OpenStack-API-Version, X-OpenStack-Nova-API-Version',
  };
}

export type ComputeHandler = (req: RestRequest, version: Microversion) => Promise<RestResponse>;

export interface VersionBounds {
  /** The first microversion that has this method (earlier ones answer 404, as Nova does). */
  min?: string;
  /** The last microversion that has it. */
  max?: string;
}

const fault = novaFault();

/**
 * Wraps a compute route: negotiates the microversion, hands it to the handler and echoes it on
 * the response — on faults too, which is why NimbusErrors are formatted here rather than by the
 * dispatcher.
 */
export function versioned(handler: ComputeHandler, bounds: VersionBounds = {}): RestHandler {
  return async (req) => {
    const requested = requestedMicroversion(req);
    if (!requested.ok) {
      return { status: requested.status, body: { [requested.status === 400 ? 'badRequest' : 'computeFault']: { code: requested.status, message: requested.message } } };
    }
    const version = requested.version;
    const headers = microversionHeaders(version);
    let out: RestResponse;
    try {
      if ((bounds.min && !version.atLeast(bounds.min)) || (bounds.max && version.compare(bounds.max) > 0)) {
        throw new NotFound('The resource could not be found.');
      }
      out = await handler(req, version);
    } catch (err) {
      if (!isNimbusError(err) || err.status >= 500) throw err;
      out = fault(err);
    }
    return { ...out, headers: { ...out.headers, ...headers } };
  };
}
