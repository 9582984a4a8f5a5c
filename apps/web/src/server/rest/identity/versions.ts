import type { RouteDef } from '../router';

const UPDATED = '2024-10-01T00:00:00Z';

function v3(baseUrl: string) {
  return {
    id: 'v3.14',
    status: 'stable',
    updated: UPDATED,
    links: [{ rel: 'self', href: `${baseUrl}/v3/` }],
    'media-types': [{ base: 'application/json', type: 'application/vnd.openstack.identity-v3+json' }],
  };
}

/** Version discovery at `/identity` (300 Multiple Choices, like Keystone) and `/identity/v3`. */
export const versionRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/',
    auth: false,
    handler: async (req) => ({ status: 300, body: { versions: { values: [v3(req.baseUrl)] } } }),
  },
  {
    method: 'GET',
    path: '/v3',
    auth: false,
    handler: async (req) => ({ status: 200, body: { version: v3(req.baseUrl) } }),
  },
];
