import { Readable } from 'node:stream';
import { BadRequest, Forbidden, NotFound } from '@nimbus/shared';
import { requireAuth } from '@nimbus/core/identity/context';
import type { RestRequest, RestResponse, RouteDef } from '../router';
import { instanceMetadata, type InstanceMetadata } from './document';

/** The OpenStack metadata versions Nova serves (base.py `OPENSTACK_VERSIONS`), then `latest`. */
const VERSIONS = ['2012-08-10', '2013-04-04', '2013-10-17', '2015-10-15', '2016-06-30', '2016-10-06', '2017-02-22', '2018-08-27', '2020-10-14'];

const SERVICE_PROJECT = 'service';

/**
 * Nova trusts an X-Instance-ID only from its metadata proxy (signed with a shared secret); here
 * the callers are the node agents (config drives) and later the networking proxy, so the header
 * is trusted only from a service user: a token on the `service` project holding `service` or `admin`.
 */
function serviceOnly(req: RestRequest): void {
  const auth = requireAuth(req.ctx);
  const privileged = auth.roles.includes('service') || auth.roles.includes('admin');
  if (auth.projectName !== SERVICE_PROJECT || !privileged) {
    throw new Forbidden('The metadata service answers service users only (a token on project service with role service or admin).');
  }
}

async function lookup(req: RestRequest): Promise<InstanceMetadata> {
  serviceOnly(req);
  const version = req.params.version ?? 'latest';
  if (version !== 'latest' && !VERSIONS.includes(version)) throw new NotFound(`Metadata version ${version} could not be found.`);
  const id = req.headers.get('x-instance-id')?.trim();
  if (!id) throw new BadRequest('The X-Instance-ID header is required: it names the instance the metadata is for.', { field: 'X-Instance-ID' });
  return instanceMetadata(req.ctx.db, id);
}

function text(body: string | Buffer, type = 'text/plain; charset=UTF-8'): RestResponse {
  const data = typeof body === 'string' ? Buffer.from(body) : body;
  return { status: 200, stream: Readable.from([data]), headers: { 'Content-Type': type, 'Content-Length': String(data.length) } };
}

/**
 * Nova's metadata API, OpenStack flavour (`/metadata/openstack/...`), for the instance named by
 * X-Instance-ID: what config drives are built from. Listings are plain text, one entry per line.
 */
export const metadataRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/openstack',
    handler: async (req) => {
      await lookup(req);
      return text([...VERSIONS, 'latest'].join('\n'));
    },
  },
  {
    method: 'GET',
    path: '/openstack/:version',
    handler: async (req) => {
      const md = await lookup(req);
      return text(['meta_data.json', ...(md.userData ? ['user_data'] : [])].join('\n'));
    },
  },
  {
    method: 'GET',
    path: '/openstack/:version/meta_data.json',
    handler: async (req) => ({ status: 200, body: (await lookup(req)).metaData }),
  },
  {
    method: 'GET',
    path: '/openstack/:version/user_data',
    handler: async (req) => {
      const md = await lookup(req);
      if (!md.userData) throw new NotFound('The instance has no user data.');
      return text(md.userData, 'application/octet-stream');
    },
  },
];
