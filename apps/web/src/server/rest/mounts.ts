import { keystoneFault } from './faults';
import type { ServiceMount } from './dispatch';
import { Router } from './router';
import { versionRoutes } from './identity/versions';
import { authRoutes } from './identity/auth';
import { identityResourceRoutes } from './identity/resources';

/** Every REST service this web server answers for, by path prefix (DESIGN.md §3). */
export const serviceMounts: ServiceMount[] = [
  {
    prefix: '/identity',
    service: 'identity',
    router: new Router().add(...versionRoutes, ...authRoutes, ...identityResourceRoutes),
    fault: (rt) => keystoneFault(`${rt.config.publicUrl}/identity/v3`),
  },
];
