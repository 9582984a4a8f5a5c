import { cache } from 'react';
import { getHandler } from '../../server/api/routers/images/get.handler';
import { prefetch, requireSession } from '../server-page';

/** One image for the detail route: the layout answers 404 from it, the page renders from it. */
export const loadImage = cache(async (id: string) => {
  const session = await requireSession();
  return { session, result: await prefetch(session, { id }, getHandler) };
});
