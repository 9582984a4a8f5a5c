import { redirect } from 'next/navigation';
import { isNimbusError } from '@nimbus/shared';
import { consoleContext } from '@/server/console-request';
import { getSession, type Session } from '@/server/session';
import type { ConsoleHandlerCtx } from '@/server/api/routers/identity/handler-context';

/** The signed-in session of a console page (the layout has already sent anyone else to login). */
export async function requireSession(): Promise<Session> {
  const session = await getSession();
  if (!session) redirect('/login');
  return session;
}

export function handlerCtx(session: Session): ConsoleHandlerCtx {
  return { session, ctx: consoleContext(session.auth) };
}

/** What a list page renders first: the server's answer for the URL's state, so no spinner round trip. */
export type Initial<I, T> = { input: I; data: T; error?: undefined } | { input: I; data?: undefined; error: string };

/**
 * Runs the same handler the tRPC procedure runs, during the page's server render. A refusal or a
 * missing resource becomes the table's error state instead of a crashed page.
 */
export async function prefetch<I, T>(session: Session, input: I, run: (args: { ctx: ConsoleHandlerCtx; input: I }) => Promise<T>): Promise<Initial<I, T>> {
  try {
    return { input, data: await run({ ctx: handlerCtx(session), input }) };
  } catch (err) {
    if (isNimbusError(err)) return { input, error: err.message };
    throw err;
  }
}
