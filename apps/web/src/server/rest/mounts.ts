import { glanceFault, keystoneFault, novaFault } from './faults';
import type { ServiceMount } from './dispatch';
import { Router } from './router';
import { versionRoutes } from './identity/versions';
import { authRoutes } from './identity/auth';
import { identityResourceRoutes } from './identity/resources';
import { computeRoutes } from './compute';
import { imageRoutes } from './image';
import { internalRoutes } from './internal';
import { metadataRoutes } from './metadata';
import { networkRoutes, neutronFault } from './network';
import { volumeRoutes } from './volume';

/** Every REST service this web server answers for, by path prefix (DESIGN.md §3). */
export const serviceMounts: ServiceMount[] = [
  {
    prefix: '/identity',
    service: 'identity',
    router: new Router().add(...versionRoutes, ...authRoutes, ...identityResourceRoutes),
    fault: (rt) => keystoneFault(`${rt.config.publicUrl}/identity/v3`),
  },
  {
    prefix: '/compute',
    service: 'compute',
    router: new Router().add(...computeRoutes),
    fault: () => novaFault(),
  },
  {
    prefix: '/image',
    service: 'image',
    router: new Router().add(...imageRoutes),
    fault: () => glanceFault(),
  },
  {
    prefix: '/metadata',
    service: 'metadata',
    router: new Router().add(...metadataRoutes),
    fault: () => novaFault(),
  },
  {
    prefix: '/volume',
    service: 'volume',
    router: new Router().add(...volumeRoutes),
    fault: () => novaFault(),
  },
  {
    prefix: '/network',
    service: 'network',
    router: new Router().add(...networkRoutes),
    fault: () => neutronFault(),
  },
  {
    prefix: '/internal',
    service: 'internal',
    router: new Router().add(...internalRoutes),
    fault: () => novaFault(),
  },
];
