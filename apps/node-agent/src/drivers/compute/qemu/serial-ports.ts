import { createServer } from 'node:net';

/** True when nothing listens on host:port (qemu binds it the same way, so what we can bind, it can). */
export function portIsFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ host, port }, () => server.close(() => resolve(true)));
  });
}

/**
 * The lowest port of the range that no other guest has been given (`taken`) and that is free on
 * the host now. Guests keep their port across restarts (it is in their spec), hence `taken`.
 */
export async function allocatePort(host: string, range: { min: number; max: number }, taken: ReadonlySet<number>): Promise<number | undefined> {
  for (let port = range.min; port <= range.max; port++) {
    if (!taken.has(port) && (await portIsFree(host, port))) return port;
  }
  return undefined;
}
