import type { PrismaClient } from '@nimbus/db';

export interface CatalogEndpoint {
  id: string;
  interface: string;
  region_id: string | null;
  url: string;
  region: string | null;
}

export interface CatalogEntry {
  endpoints: CatalogEndpoint[];
  id: string;
  type: string;
  name: string;
}

/**
 * The service catalog in Keystone's token shape. `$(project_id)s` stays in URLs, as Keystone
 * leaves substitutions it cannot make; it substitutes the token's project when there is one.
 */
export async function loadCatalog(db: PrismaClient): Promise<CatalogEntry[]> {
  const services = await db.service.findMany({
    where: { enabled: true },
    include: { endpoints: { where: { enabled: true }, orderBy: { interface: 'asc' } } },
    orderBy: { type: 'asc' },
  });
  return services.map((s) => ({
    endpoints: s.endpoints.map((e) => ({
      id: e.id,
      interface: e.interface,
      region_id: e.regionId,
      url: e.url,
      region: e.regionId,
    })),
    id: s.id,
    type: s.type,
    name: s.name,
  }));
}

export function catalogForProject(catalog: CatalogEntry[], projectId: string | undefined): CatalogEntry[] {
  if (!projectId) return catalog.map((s) => ({ ...s, endpoints: s.endpoints.filter((e) => !hasSubstitution(e.url)) }));
  return catalog.map((s) => ({
    ...s,
    endpoints: s.endpoints.map((e) => ({
      ...e,
      url: e.url.replaceAll('$(project_id)s', projectId).replaceAll('%(project_id)s', projectId),
    })),
  }));
}

function hasSubstitution(url: string): boolean {
  return url.includes('$(') || url.includes('%(');
}
