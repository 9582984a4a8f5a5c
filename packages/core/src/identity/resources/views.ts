import type { Domain, Endpoint, Group, Project, Region, Role, Service, User } from '@nimbus/db';
import { asRecord, type Page } from './common.js';

/**
 * Keystone v3 wire shapes. `baseUrl` is the identity service root as the client reached it
 * (`http://host:3000/identity`); every resource carries its absolute `links.self`.
 */
export function link(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/v3/${path}`;
}

export interface CollectionLinks {
  self: string;
  previous: string | null;
  next: string | null;
}

/** `links` of a collection: `self` is the request as made; `next` only when a page was cut short. */
export function collectionLinks(baseUrl: string, path: string, query?: URLSearchParams, page?: Page<unknown>): CollectionLinks {
  const qs = query?.toString() ?? '';
  const self = link(baseUrl, path) + (qs ? `?${qs}` : '');
  let next: string | null = null;
  if (page?.nextMarker) {
    const q = new URLSearchParams(query);
    q.set('marker', page.nextMarker);
    next = `${link(baseUrl, path)}?${q.toString()}`;
  }
  return { self, previous: null, next };
}

/** Keystone's timestamp form: microseconds and a `Z`. */
export function isoTime(date: Date | null | undefined): string | null {
  if (!date) return null;
  return date.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

export function domainView(d: Domain, baseUrl: string) {
  return {
    ...asRecord(d.extra),
    id: d.id,
    name: d.name,
    description: d.description,
    enabled: d.enabled,
    tags: [] as string[],
    options: {},
    links: { self: link(baseUrl, `domains/${d.id}`) },
  };
}

export function projectView(p: Project, baseUrl: string) {
  return {
    ...asRecord(p.extra),
    id: p.id,
    name: p.name,
    domain_id: p.domainId,
    description: p.description,
    enabled: p.enabled,
    // Keystone reports a top-level project's parent as its domain (a domain is a project acting as one).
    parent_id: p.parentId ?? p.domainId,
    is_domain: false,
    tags: p.tags,
    options: {},
    links: { self: link(baseUrl, `projects/${p.id}`) },
  };
}

export function userView(u: User, baseUrl: string) {
  return {
    ...asRecord(u.extra),
    id: u.id,
    name: u.name,
    domain_id: u.domainId,
    enabled: u.enabled,
    ...(u.email !== null ? { email: u.email } : {}),
    ...(u.description ? { description: u.description } : {}),
    ...(u.defaultProjectId !== null ? { default_project_id: u.defaultProjectId } : {}),
    password_expires_at: null,
    options: {},
    links: { self: link(baseUrl, `users/${u.id}`) },
  };
}

export function groupView(g: Group, baseUrl: string) {
  return {
    id: g.id,
    name: g.name,
    domain_id: g.domainId,
    description: g.description,
    links: { self: link(baseUrl, `groups/${g.id}`) },
  };
}

export function roleView(r: Role, baseUrl: string) {
  return {
    id: r.id,
    name: r.name,
    domain_id: null,
    description: r.description,
    options: {},
    links: { self: link(baseUrl, `roles/${r.id}`) },
  };
}

export function regionView(r: Region, baseUrl: string) {
  return {
    id: r.id,
    description: r.description,
    parent_region_id: r.parentRegionId,
    links: { self: link(baseUrl, `regions/${r.id}`) },
  };
}

export function serviceView(s: Service, baseUrl: string) {
  return {
    id: s.id,
    type: s.type,
    name: s.name,
    description: s.description,
    enabled: s.enabled,
    links: { self: link(baseUrl, `services/${s.id}`) },
  };
}

export function endpointView(e: Endpoint, baseUrl: string) {
  return {
    id: e.id,
    interface: e.interface,
    region_id: e.regionId,
    region: e.regionId,
    service_id: e.serviceId,
    url: e.url,
    enabled: e.enabled,
    links: { self: link(baseUrl, `endpoints/${e.id}`) },
  };
}

export function applicationCredentialView(
  c: { id: string; name: string; description: string; userId: string; projectId: string; unrestricted: boolean; expiresAt: Date | null; roles: Role[] },
  baseUrl: string,
  secret?: string,
) {
  return {
    id: c.id,
    name: c.name,
    description: c.description,
    user_id: c.userId,
    project_id: c.projectId,
    roles: c.roles.map((r) => ({ id: r.id, name: r.name, domain_id: null })),
    unrestricted: c.unrestricted,
    expires_at: c.expiresAt ? c.expiresAt.toISOString().replace(/Z$/, '000') : null,
    access_rules: [] as unknown[],
    ...(secret !== undefined ? { secret } : {}),
    links: { self: link(baseUrl, `users/${c.userId}/application_credentials/${c.id}`) },
  };
}
