import type { EndpointInterface } from '@nimbus/db';

export const REGION_ID = 'RegionOne';
export const INTERFACES: EndpointInterface[] = ['public', 'internal', 'admin'];

/**
 * DevStack's catalog: every service under one web server, by path. Cinder is listed twice
 * (block-storage and volumev3) because clients look up either type.
 */
export const SERVICES = [
  { name: 'keystone', type: 'identity', path: '/identity', description: 'Keystone Identity Service' },
  { name: 'nova', type: 'compute', path: '/compute/v2.1', description: 'Nova Compute Service' },
  { name: 'neutron', type: 'network', path: '/network', description: 'Neutron Service' },
  { name: 'glance', type: 'image', path: '/image', description: 'Glance Image Service' },
  { name: 'cinder', type: 'block-storage', path: '/volume/v3/$(project_id)s', description: 'Cinder Volume Service' },
  { name: 'cinder', type: 'volumev3', path: '/volume/v3/$(project_id)s', description: 'Cinder Volume Service V3' },
  { name: 'swift', type: 'object-store', path: '/object/v1/AUTH_$(project_id)s', description: 'Swift Service' },
] as const;

/** NIMBUS_PUBLIC_URL, else the web server on 127.0.0.1:PORT; never ends with a slash. */
export function defaultPublicUrl(env: NodeJS.ProcessEnv = process.env): string {
  const url = env.NIMBUS_PUBLIC_URL || `http://127.0.0.1:${env.PORT || '3000'}`;
  return url.replace(/\/+$/, '');
}
