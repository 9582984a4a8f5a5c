import type { RouteDef } from '../router';
import { MAX_MICROVERSION, MIN_MICROVERSION } from './microversion';

function v21(baseUrl: string) {
  return {
    id: 'v2.1',
    status: 'CURRENT',
    version: MAX_MICROVERSION,
    min_version: MIN_MICROVERSION,
    updated: '2013-07-23T11:33:21Z',
    links: [
      { rel: 'self', href: `${baseUrl}/v2.1/` },
      { rel: 'describedby', type: 'text/html', href: 'http://docs.openstack.org/' },
    ],
    'media-types': [{ base: 'application/json', type: 'application/vnd.openstack.compute+json;version=2.1' }],
  };
}

/** Version discovery at `/compute` and `/compute/v2.1`; no token needed, as in Nova. */
export const versionRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/',
    auth: false,
    handler: async (req) => ({ status: 200, body: { versions: [v21(req.baseUrl)] } }),
  },
  {
    method: 'GET',
    path: '/v2.1',
    auth: false,
    handler: async (req) => ({ status: 200, body: { version: v21(req.baseUrl) } }),
  },
];
