import type { RestRequest, RouteDef } from '../router';

/** Glance's API versions, newest first; nimbus implements the v2.16 surface it documents. */
const MINORS = [16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0];

function versions(req: RestRequest) {
  const href = `${req.baseUrl}/v2/`;
  return {
    versions: MINORS.map((minor, i) => ({
      id: `v2.${minor}`,
      status: i === 0 ? 'CURRENT' : 'SUPPORTED',
      links: [{ rel: 'self', href }],
    })),
  };
}

/** `/image` answers 300 Multiple Choices like Glance's root; `/image/versions` answers 200. */
export const imageVersionRoutes: RouteDef[] = [
  { method: 'GET', path: '/', auth: false, handler: async (req) => ({ status: 300, body: versions(req) }) },
  { method: 'GET', path: '/versions', auth: false, handler: async (req) => ({ status: 200, body: versions(req) }) },
];
