import { catalogForProject, loadCatalog, type CatalogEntry } from '@nimbus/core/identity/catalog';
import type { RequestContext } from '@nimbus/core/identity/context';
import type { Session } from '../../server/session';
import { runtime } from '../../server/runtime';
import type { PasswordRc } from './rc-files';

export interface EndpointRow {
  id: string;
  serviceName: string;
  serviceType: string;
  interface: string;
  region: string | null;
  url: string;
}

/** The token's catalog: what `openstack catalog list` shows for this session's project. */
export async function sessionCatalog(db: RequestContext['db'], session: Session): Promise<CatalogEntry[]> {
  return catalogForProject(await loadCatalog(db), session.auth.projectId);
}

/** One row per service and region: its public endpoint, as Horizon's API Access lists them. */
export function endpointRows(catalog: CatalogEntry[]): EndpointRow[] {
  return catalog
    .flatMap((s) =>
      s.endpoints
        .filter((e) => e.interface === 'public')
        .map((e) => ({ id: e.id, serviceName: s.name, serviceType: s.type, interface: e.interface, region: e.region_id, url: e.url })),
    )
    .sort((a, b) => a.serviceType.localeCompare(b.serviceType) || (a.region ?? '').localeCompare(b.region ?? ''));
}

/** Where clients should authenticate: the catalog's public identity endpoint, else this server's /identity. */
export function identityEndpoint(catalog: CatalogEntry[]): { url: string; region: string | null } {
  const endpoint = catalog.find((s) => s.type === 'identity')?.endpoints.find((e) => e.interface === 'public');
  if (endpoint) return { url: endpoint.url.replace(/\/+$/, '').replace(/\/v3$/, ''), region: endpoint.region_id };
  return { url: `${runtime().config.publicUrl}/identity`, region: null };
}

/** Everything an openrc / clouds.yaml for the signed-in user and project needs. */
export async function passwordRcFor(session: Session): Promise<PasswordRc> {
  const db = runtime().db;
  const { auth } = session;
  const [catalog, domain] = await Promise.all([
    sessionCatalog(db, session),
    db.domain.findUnique({ where: { id: auth.userDomainId }, select: { name: true } }),
  ]);
  const identity = identityEndpoint(catalog);
  return {
    authUrl: identity.url,
    regionName: identity.region,
    userName: auth.userName,
    userDomainName: domain?.name ?? auth.userDomainId,
    projectId: auth.projectId ?? '',
    projectName: auth.projectName ?? '',
    projectDomainId: auth.projectDomainId ?? auth.userDomainId,
  };
}

/** A text file download; never cached, since it describes one user's login. */
export function attachment(body: string, fileName: string, type: string): Response {
  return new Response(body, {
    headers: {
      'Content-Type': `${type}; charset=utf-8`,
      'Content-Disposition': `attachment; filename="${fileName}"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}

export function toLogin(): Response {
  return new Response(null, { status: 303, headers: { Location: '/login?next=%2Fproject%2Fapi-access' } });
}
