import type { Flavor } from '@nimbus/db';
import { BadRequest } from '@nimbus/shared';
import { createFlavor, deleteFlavor, getFlavor, listFlavors, updateFlavor, type CreateFlavorInput, type ListFlavorsInput } from '@nimbus/core/compute/flavors';
import { addFlavorAccess, listFlavorAccess, removeFlavorAccess, type FlavorAccessEntry } from '@nimbus/core/compute/flavors-access';
import { deleteExtraSpec, getExtraSpec, listExtraSpecs, setExtraSpecs, updateExtraSpec } from '@nimbus/core/compute/flavors-extra-specs';
import type { Page } from '@nimbus/core/identity/resources/common';
import type { RestRequest, RouteDef } from '../router';
import { member, param } from '../identity/resources/http';
import { versioned, type Microversion } from './microversion';

/** Nova's `self` (versioned) and `bookmark` (unversioned) links of a resource. */
export function resourceLinks(baseUrl: string, path: string) {
  return [
    { rel: 'self', href: `${baseUrl}/v2.1/${path}` },
    { rel: 'bookmark', href: `${baseUrl}/${path}` },
  ];
}

function summary(f: Flavor, baseUrl: string, v: Microversion) {
  return {
    id: f.id,
    name: f.name,
    ...(v.atLeast('2.55') ? { description: f.description } : {}),
    links: resourceLinks(baseUrl, `flavors/${f.id}`),
  };
}

/** The flavor document as Nova shapes it at microversion `v` (swap "" before 2.75, description 2.55, extra_specs 2.61). */
export function flavorView(f: Flavor, baseUrl: string, v: Microversion) {
  return {
    ...summary(f, baseUrl, v),
    ram: f.ramMb,
    disk: f.diskGb,
    vcpus: f.vcpus,
    swap: f.swapMb === 0 && !v.atLeast('2.75') ? '' : f.swapMb,
    rxtx_factor: f.rxtxFactor,
    'OS-FLV-EXT-DATA:ephemeral': f.ephemeralGb,
    'OS-FLV-DISABLED:disabled': f.disabled,
    'os-flavor-access:is_public': f.isPublic,
    ...(v.atLeast('2.61') ? { extra_specs: f.extraSpecs } : {}),
  };
}

/** `{<key>_links: [{rel: next}]}` when a page stopped short; the next link keeps the other query parameters. */
export function nextLinks(req: RestRequest, key: string, nextMarker: string | null): Record<string, unknown> {
  if (!nextMarker) return {};
  const q = new URLSearchParams(req.query);
  q.set('marker', nextMarker);
  return { [`${key}_links`]: [{ rel: 'next', href: `${req.baseUrl}${req.path}?${q}` }] };
}

export function queryInt(req: RestRequest, name: string, min: number, message: (v: string) => string): number | undefined {
  const raw = req.query.get(name);
  if (raw === null) return undefined;
  const n = Number(raw);
  if (!/^\s*\d+\s*$/.test(raw) || !Number.isSafeInteger(n) || n < min) throw new BadRequest(message(raw), { field: name });
  return n;
}

function isPublicFilter(raw: string | null): boolean | null | undefined {
  if (raw === null) return undefined;
  const v = raw.trim().toLowerCase();
  if (v === 'none') return null;
  if (['true', 't', '1', 'yes', 'y', 'on'].includes(v)) return true;
  if (['false', 'f', '0', 'no', 'n', 'off'].includes(v)) return false;
  throw new BadRequest(`Invalid is_public filter [${raw}]`, { field: 'is_public' });
}

const SORT_KEYS = ['created_at', 'description', 'disabled', 'ephemeral_gb', 'flavorid', 'id', 'is_public', 'memory_mb', 'name', 'root_gb', 'rxtx_factor', 'swap', 'updated_at', 'vcpus'];

function listInput(req: RestRequest): ListFlavorsInput {
  const input: ListFlavorsInput = {};
  const isPublic = isPublicFilter(req.query.get('is_public'));
  if (isPublic !== undefined) input.isPublic = isPublic;
  const minRam = queryInt(req, 'minRam', 0, (v) => `Invalid minRam filter [${v}]`);
  if (minRam !== undefined) input.minRam = minRam;
  const minDisk = queryInt(req, 'minDisk', 0, (v) => `Invalid minDisk filter [${v}]`);
  if (minDisk !== undefined) input.minDisk = minDisk;
  const sortKey = req.query.get('sort_key');
  if (sortKey !== null) {
    if (!SORT_KEYS.includes(sortKey)) throw new BadRequest(`Invalid input for query parameters sort_key. Value: ${sortKey}. '${sortKey}' is not one of ${SORT_KEYS.join(', ')}`, { field: 'sort_key' });
    input.sortKey = sortKey as ListFlavorsInput['sortKey'];
  }
  const sortDir = req.query.get('sort_dir');
  if (sortDir !== null) {
    if (sortDir !== 'asc' && sortDir !== 'desc') throw new BadRequest(`Invalid input for query parameters sort_dir. Value: ${sortDir}. '${sortDir}' is not one of asc, desc`, { field: 'sort_dir' });
    input.sortDir = sortDir;
  }
  const limit = queryInt(req, 'limit', 0, (v) => `Invalid input for query parameters limit. Value: ${v}. '${v}' does not match '^[0-9]*$'`);
  if (limit !== undefined) input.limit = Math.min(Math.max(limit, 1), 1000);
  const marker = req.query.get('marker');
  if (marker) input.marker = marker;
  return input;
}

function flavorList(req: RestRequest, v: Microversion, page: Page<Flavor>, detail: boolean) {
  return {
    status: 200,
    body: {
      flavors: page.items.map((f) => (detail ? flavorView(f, req.baseUrl, v) : summary(f, req.baseUrl, v))),
      ...nextLinks(req, 'flavors', page.nextMarker),
    },
  };
}

function accessView(entries: FlavorAccessEntry[]) {
  return { flavor_access: entries.map((e) => ({ flavor_id: e.flavorId, tenant_id: e.projectId })) };
}

/** The body of `POST /flavors/{id}/action`: exactly one of Nova's flavor actions. */
async function flavorAction(req: RestRequest) {
  const body = await req.json();
  const obj = body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const id = param(req, 'flavor_id');
  if ('addTenantAccess' in obj) return accessView(await addFlavorAccess(req.ctx, id, await member(req, 'addTenantAccess')));
  if ('removeTenantAccess' in obj) return accessView(await removeFlavorAccess(req.ctx, id, await member(req, 'removeTenantAccess')));
  throw new BadRequest('There is no such action: ' + (Object.keys(obj)[0] ?? '(none)'), { field: 'body' });
}

const FLAVOR = '/v2.1/flavors/:flavor_id';

export const flavorRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/v2.1/flavors',
    handler: versioned(async (req, v) => flavorList(req, v, await listFlavors(req.ctx, listInput(req)), false)),
  },
  {
    method: 'GET',
    path: '/v2.1/flavors/detail',
    handler: versioned(async (req, v) => flavorList(req, v, await listFlavors(req.ctx, listInput(req)), true)),
  },
  {
    method: 'POST',
    path: '/v2.1/flavors',
    handler: versioned(async (req, v) => {
      const input = await member<CreateFlavorInput>(req, 'flavor');
      if (!v.atLeast('2.55') && 'description' in input) {
        throw new BadRequest("Invalid input for field 'flavor': Additional properties are not allowed ('description' was unexpected)", { field: 'flavor.description' });
      }
      return { status: 200, body: { flavor: flavorView(await createFlavor(req.ctx, input), req.baseUrl, v) } };
    }),
  },
  {
    method: 'GET',
    path: FLAVOR,
    handler: versioned(async (req, v) => ({ status: 200, body: { flavor: flavorView(await getFlavor(req.ctx, param(req, 'flavor_id')), req.baseUrl, v) } })),
  },
  {
    method: 'PUT',
    path: FLAVOR,
    handler: versioned(
      async (req, v) => ({ status: 200, body: { flavor: flavorView(await updateFlavor(req.ctx, param(req, 'flavor_id'), await member(req, 'flavor')), req.baseUrl, v) } }),
      { min: '2.55' },
    ),
  },
  {
    method: 'DELETE',
    path: FLAVOR,
    handler: versioned(async (req) => {
      await deleteFlavor(req.ctx, param(req, 'flavor_id'));
      return { status: 202 };
    }),
  },
  {
    method: 'GET',
    path: `${FLAVOR}/os-flavor-access`,
    handler: versioned(async (req) => ({ status: 200, body: accessView(await listFlavorAccess(req.ctx, param(req, 'flavor_id'))) })),
  },
  {
    method: 'POST',
    path: `${FLAVOR}/action`,
    handler: versioned(async (req) => ({ status: 200, body: await flavorAction(req) })),
  },
  {
    method: 'GET',
    path: `${FLAVOR}/os-extra_specs`,
    handler: versioned(async (req) => ({ status: 200, body: { extra_specs: await listExtraSpecs(req.ctx, param(req, 'flavor_id')) } })),
  },
  {
    method: 'POST',
    path: `${FLAVOR}/os-extra_specs`,
    handler: versioned(async (req) => ({ status: 200, body: { extra_specs: await setExtraSpecs(req.ctx, param(req, 'flavor_id'), await member(req, 'extra_specs')) } })),
  },
  {
    method: 'GET',
    path: `${FLAVOR}/os-extra_specs/:key`,
    handler: versioned(async (req) => {
      const key = param(req, 'key');
      return { status: 200, body: { [key]: await getExtraSpec(req.ctx, param(req, 'flavor_id'), key) } };
    }),
  },
  {
    method: 'PUT',
    path: `${FLAVOR}/os-extra_specs/:key`,
    handler: versioned(async (req) => ({ status: 200, body: await updateExtraSpec(req.ctx, param(req, 'flavor_id'), param(req, 'key'), await req.json()) })),
  },
  {
    method: 'DELETE',
    path: `${FLAVOR}/os-extra_specs/:key`,
    handler: versioned(async (req) => {
      await deleteExtraSpec(req.ctx, param(req, 'flavor_id'), param(req, 'key'));
      return { status: 200 };
    }),
  },
];
