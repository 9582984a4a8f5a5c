import { cache } from 'react';
import { getHandler } from '../../server/api/routers/identity/groups/get.handler';
import { prefetch, requireSession } from '../server-page';

/** One group for the detail route, loaded once per request (see projects/load.ts). */
export const loadGroup = cache(async (id: string) => {
  const session = await requireSession();
  return { session, result: await prefetch(session, { id }, getHandler) };
});
