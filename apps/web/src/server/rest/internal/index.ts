import { Forbidden, NotFound } from '@nimbus/shared';
import { requireAuth } from '@nimbus/core/identity/context';
import { desiredNetworkState } from '@nimbus/core/network/desired-state';
import type { RestRequest, RouteDef } from '../router';

const SERVICE_PROJECT = 'service';

/**
 * The node agents' own API: what it serves is every project's datapath at once, so only a service
 * user may read it — a token on the `service` project holding `service` or `admin`, as for the
 * metadata service.
 */
function serviceOnly(req: RestRequest): void {
  const auth = requireAuth(req.ctx);
  const privileged = auth.roles.includes('service') || auth.roles.includes('admin');
  if (auth.projectName !== SERVICE_PROJECT || !privileged) {
    throw new Forbidden('The internal API answers service users only (a token on project service with role service or admin).');
  }
}

export const internalRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/network-state/:node',
    handler: async (req) => {
      serviceOnly(req);
      const node = req.params.node!;
      const known = await req.ctx.db.computeNode.findUnique({ where: { name: node }, select: { name: true } });
      if (!known) throw new NotFound(`Node ${node} could not be found.`);
      return { status: 200, body: await desiredNetworkState(req.ctx.db, node) };
    },
  },
];
