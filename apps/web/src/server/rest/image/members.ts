import { createImageMember, deleteImageMember, getImageMember, listImageMembers, memberView, updateImageMember } from '@nimbus/core/image/index';
import type { RestRequest, RouteDef } from '../router';

function ids(req: RestRequest): [string, string] {
  return [req.params.image_id ?? '', req.params.member_id ?? ''];
}

export const imageMemberRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/v2/images/:image_id/members',
    handler: async (req) => ({
      status: 200,
      body: { members: (await listImageMembers(req.ctx, ids(req)[0])).map(memberView), schema: '/v2/schemas/members' },
    }),
  },
  { method: 'POST', path: '/v2/images/:image_id/members', handler: async (req) => ({ status: 200, body: memberView(await createImageMember(req.ctx, ids(req)[0], await req.json())) }) },
  { method: 'GET', path: '/v2/images/:image_id/members/:member_id', handler: async (req) => ({ status: 200, body: memberView(await getImageMember(req.ctx, ...ids(req))) }) },
  {
    method: 'PUT',
    path: '/v2/images/:image_id/members/:member_id',
    handler: async (req) => ({ status: 200, body: memberView(await updateImageMember(req.ctx, ...ids(req), await req.json())) }),
  },
  {
    method: 'DELETE',
    path: '/v2/images/:image_id/members/:member_id',
    handler: async (req) => {
      await deleteImageMember(req.ctx, ...ids(req));
      return { status: 204 };
    },
  },
];
