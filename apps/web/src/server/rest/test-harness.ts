import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@nimbus/db/test-db';
import { parseConfig } from '@nimbus/core';
import { seed, type SeedResult } from '../../../../../prisma/seed';
import { createRuntime, installRuntime, type Runtime } from '../runtime';
import { restListener } from './listener';

export interface RestHarness {
  url: string;
  rt: Runtime;
  database: TestDatabase;
  seeded: SeedResult;
  /** fetch against the harness, JSON in and out. */
  call(method: string, path: string, opts?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<{
    status: number;
    headers: Headers;
    body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  }>;
  /** A project-scoped token for a seeded user (password = the user name). */
  login(user: string, project?: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The REST APIs on a bare http.Server (no Next), over a fresh seeded database and a Redis prefix
 * of their own: what integration tests drive. Seeded passwords equal the user names.
 */
export async function startRestHarness(env: Record<string, string> = {}): Promise<RestHarness> {
  const database = await createTestDatabase();
  const prefix = `test-${randomBytes(6).toString('hex')}`;
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  const config = parseConfig({
    DATABASE_URL: database.url,
    REDIS_PREFIX: prefix,
    NIMBUS_PUBLIC_URL: url,
    LOG_LEVEL: 'silent',
    ...env,
  });
  const seeded = await seed(database.db, { publicUrl: url, adminPassword: 'admin', demoPassword: 'demo', servicePassword: 'service' });
  const rt = createRuntime(config);
  installRuntime(rt);
  const listener = restListener(rt);
  server.on('request', (req, res) => {
    if (!listener(req, res)) {
      res.writeHead(404);
      res.end();
    }
  });

  const call: RestHarness['call'] = async (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers['X-Auth-Token'] = opts.token;
    let body: string | undefined;
    if (opts.body !== undefined) {
      headers['Content-Type'] ??= 'application/json';
      body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
    }
    const res = await fetch(`${url}${path}`, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = text;
    }
    return { status: res.status, headers: res.headers, body: parsed };
  };

  const login: RestHarness['login'] = async (user, project, password) => {
    const res = await call('POST', '/identity/v3/auth/tokens', {
      body: {
        auth: {
          identity: { methods: ['password'], password: { user: { name: user, domain: { id: 'default' }, password: password ?? user } } },
          ...(project ? { scope: { project: { name: project, domain: { id: 'default' } } } } : {}),
        },
      },
    });
    if (res.status !== 201) throw new Error(`login ${user} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.headers.get('x-subject-token') as string;
  };

  return {
    url,
    rt,
    database,
    seeded,
    call,
    login,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      const keys = await rt.redis.keys(`${prefix}:*`);
      if (keys.length) await rt.redis.del(...keys);
      await rt.redis.quit();
      await rt.db.$disconnect();
      await database.drop();
    },
  };
}
