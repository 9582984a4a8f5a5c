import { cache } from 'react';
import { getHandler } from '../../server/api/routers/identity/projects/get.handler';
import { prefetch, requireSession } from '../server-page';

/**
 * One project for the detail route, loaded once per request: the route's layout uses it to answer
 * 404 before anything streams, and the page renders from the same result.
 */
export const loadProject = cache(async (id: string) => {
  const session = await requireSession();
  return { session, result: await prefetch(session, { id }, getHandler) };
});
