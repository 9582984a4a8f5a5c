import type { RequestContext } from '@nimbus/core/identity/context';
import { applyListQuery, pick } from '@nimbus/core/network/list-query';
import type { RestRequest, RestResponse, RouteDef } from '../router';

type Doc = Record<string, unknown>;

/** What one Neutron collection does; missing operations answer 405. */
export interface CollectionOps {
  list(ctx: RequestContext): Promise<Doc[]>;
  get(ctx: RequestContext, id: string): Promise<Doc>;
  create?(ctx: RequestContext, body: unknown): Promise<Doc>;
  update?(ctx: RequestContext, id: string, body: unknown): Promise<Doc>;
  remove?(ctx: RequestContext, id: string): Promise<void>;
}

function fieldsOf(req: RestRequest): string[] {
  return req.query.getAll('fields').flatMap((f) => f.split(',')).filter(Boolean);
}

async function list(req: RestRequest, ops: CollectionOps, path: string, plural: string): Promise<RestResponse> {
  const page = applyListQuery(await ops.list(req.ctx), req.query);
  const links = [
    ...(page.next ? [{ rel: 'next', href: `${req.baseUrl}/v2.0/${path}?${page.next}` }] : []),
    ...(page.previous ? [{ rel: 'previous', href: `${req.baseUrl}/v2.0/${path}?${page.previous}` }] : []),
  ];
  return { status: 200, body: { [plural]: page.items, ...(links.length > 0 && { [`${plural}_links`]: links }) } };
}

/**
 * The five routes of one collection, e.g. `collection('networks', 'network', 'networks', ops)`:
 * bodies are `{"network": {...}}`, lists `{"networks": [...]}` (with `networks_links` when paged).
 */
export function collection(path: string, singular: string, plural: string, ops: CollectionOps): RouteDef[] {
  const base = `/v2.0/${path}`;
  const routes: RouteDef[] = [
    { method: 'GET', path: base, handler: (req) => list(req, ops, path, plural) },
    {
      method: 'GET',
      path: `${base}/:id`,
      handler: async (req) => {
        const doc = await ops.get(req.ctx, req.params.id!);
        const fields = fieldsOf(req);
        return { status: 200, body: { [singular]: fields.length > 0 ? pick(doc, fields) : doc } };
      },
    },
  ];
  const { create, update, remove } = ops;
  if (create) routes.push({ method: 'POST', path: base, handler: async (req) => ({ status: 201, body: { [singular]: await create(req.ctx, await req.json()) } }) });
  if (update) routes.push({ method: 'PUT', path: `${base}/:id`, handler: async (req) => ({ status: 200, body: { [singular]: await update(req.ctx, req.params.id!, await req.json()) } }) });
  if (remove) {
    routes.push({
      method: 'DELETE',
      path: `${base}/:id`,
      handler: async (req) => {
        await remove(req.ctx, req.params.id!);
        return { status: 204 };
      },
    });
  }
  return routes;
}
