import { cache } from 'react';
import { getHandler } from '../../server/api/routers/compute/servers/get.handler';
import { prefetch, requireSession } from '../server-page';

/** One instance for the detail route: the layout answers 404 from it, the page renders from it. */
export const loadInstance = cache(async (id: string) => {
  const session = await requireSession();
  return { session, result: await prefetch(session, { id }, getHandler) };
});
