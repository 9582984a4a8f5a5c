import type { ServerResponse } from 'node:http';
import type { Runtime } from './runtime';

/** `/healthz`: 200 when PostgreSQL and Redis answer, 503 naming the one that does not. */
export async function health(rt: Runtime, res: ServerResponse): Promise<void> {
  const checks: Record<string, string> = {};
  await Promise.all([
    rt.db.$queryRawUnsafe('SELECT 1').then(
      () => (checks.database = 'ok'),
      (e: Error) => (checks.database = e.message),
    ),
    rt.redis.ping().then(
      () => (checks.redis = 'ok'),
      (e: Error) => (checks.redis = e.message),
    ),
  ]);
  const ok = Object.values(checks).every((v) => v === 'ok');
  const body = JSON.stringify({ status: ok ? 'ok' : 'degraded', checks });
  res.writeHead(ok ? 200 : 503, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(body);
}
