import type { Initial } from '../server-page';

/**
 * The server-rendered page of a list, when the client asks for exactly what the server rendered
 * (the same URL state); otherwise undefined and the query fetches.
 */
export function initialData<I, T>(initial: Initial<I, T> | undefined, input: I): T | undefined {
  if (!initial || initial.data === undefined) return undefined;
  return JSON.stringify(initial.input) === JSON.stringify(input) ? initial.data : undefined;
}

export function initialError<I, T>(initial: Initial<I, T> | undefined, input: I): string | undefined {
  if (!initial || initial.error === undefined) return undefined;
  return JSON.stringify(initial.input) === JSON.stringify(input) ? initial.error : undefined;
}
