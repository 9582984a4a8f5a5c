/**
 * bench/compute-api — `GET /servers` and `/servers/detail` with 1,000 instances in a project.
 *
 *   NIMBUS_URL=http://127.0.0.1:3000 npx tsx bench/compute-api.ts [--duration 10] [--keep]
 *
 * Creates what is missing of 1,000 servers named `bench-srv-*` in the admin project through the
 * Nova API (quota raised for the run; m1.nano and a 1 MiB image), waits until none is building,
 * then prints req/s and p50/p99 for the list and detail calls (all 1,000 in one page, and pages of
 * 100) at concurrency 1 and 8. The servers are deleted afterwards unless --keep. With the fake
 * driver's default capacity most of them end in ERROR (no valid host); they are listed all the same.
 */
import autocannon from 'autocannon';

const base = (process.env.NIMBUS_URL ?? 'http://127.0.0.1:3000').replace(/\/+$/, '');
const arg = (name: string) => process.argv.indexOf(name);
const duration = arg('--duration') > 0 ? Number(process.argv[arg('--duration') + 1]) : 10;
const keep = arg('--keep') > 0;
const TOTAL = 1000;
const password = process.env.NIMBUS_ADMIN_PASSWORD ?? 'admin';
const MV = { 'OpenStack-API-Version': 'compute 2.79' };

async function login(): Promise<{ token: string; projectId: string }> {
  const res = await fetch(`${base}/identity/v3/auth/tokens?nocatalog`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      auth: {
        identity: { methods: ['password'], password: { user: { name: 'admin', domain: { id: 'default' }, password } } },
        scope: { project: { name: 'admin', domain: { id: 'default' } } },
      },
    }),
  });
  if (res.status !== 201) throw new Error(`login failed: ${res.status}`);
  const body = (await res.json()) as { token: { project: { id: string } } };
  return { token: res.headers.get('x-subject-token') as string, projectId: body.token.project.id };
}

async function api<T>(token: string, method: string, path: string, body?: unknown, extra: Record<string, string> = {}): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'X-Auth-Token': token, 'Content-Type': 'application/json', ...MV, ...extra },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

type Server = { id: string; name: string; status: string };

async function benchServers(token: string): Promise<Server[]> {
  const out = await api<{ servers: Server[] }>(token, 'GET', '/compute/v2.1/servers/detail?name=^bench-srv-&limit=1000');
  return out.servers;
}

async function ensureImage(token: string): Promise<string> {
  const found = await api<{ images: { id: string }[] }>(token, 'GET', '/image/v2/images?name=bench-image');
  if (found.images[0]) return found.images[0].id;
  const image = await api<{ id: string }>(token, 'POST', '/image/v2/images', { name: 'bench-image', disk_format: 'raw', container_format: 'bare' });
  await fetch(`${base}/image/v2/images/${image.id}/file`, {
    method: 'PUT',
    headers: { 'X-Auth-Token': token, 'Content-Type': 'application/octet-stream' },
    body: Buffer.alloc(1024 * 1024),
  });
  return image.id;
}

async function ensureServers(token: string, projectId: string): Promise<void> {
  await api(token, 'PUT', `/compute/v2.1/os-quota-sets/${projectId}`, { quota_set: { instances: -1, cores: -1, ram: -1 } });
  const image = await ensureImage(token);
  const flavors = await api<{ flavors: { id: string; name: string }[] }>(token, 'GET', '/compute/v2.1/flavors');
  const nano = flavors.flavors.find((f) => f.name === 'm1.nano');
  if (!nano) throw new Error('flavor m1.nano is missing (the seed creates it)');
  let have = (await benchServers(token)).length;
  while (have < TOTAL) {
    const count = Math.min(100, TOTAL - have);
    await api(token, 'POST', '/compute/v2.1/servers', {
      server: { name: `bench-srv-${have}`, flavorRef: nano.id, imageRef: image, min_count: count, max_count: count, networks: 'none' },
    });
    have += count;
  }
  const started = Date.now();
  for (;;) {
    const servers = await benchServers(token);
    const building = servers.filter((s) => s.status === 'BUILD').length;
    if (building === 0 || Date.now() - started > 10 * 60_000) {
      const by = servers.reduce<Record<string, number>>((m, s) => ({ ...m, [s.status]: (m[s.status] ?? 0) + 1 }), {});
      process.stdout.write(`servers: ${servers.length} (${Object.entries(by).map(([k, v]) => `${k} ${v}`).join(', ')})\n`);
      return;
    }
    await new Promise((r) => setTimeout(r, 2000));
  }
}

async function main(): Promise<void> {
  const { token, projectId } = await login();
  await ensureServers(token, projectId);
  const rows: string[] = [];
  for (const [name, path] of [
    ['GET /servers (1,000 in one page)', '/compute/v2.1/servers?limit=1000'],
    ['GET /servers/detail (1,000 in one page)', '/compute/v2.1/servers/detail?limit=1000'],
    ['GET /servers/detail?limit=100', '/compute/v2.1/servers/detail?limit=100'],
  ] as const) {
    for (const connections of [1, 8]) {
      const r = await autocannon({ url: `${base}${path}`, headers: { 'X-Auth-Token': token, ...MV }, connections, duration });
      rows.push(`| ${name} | ${connections} | ${r.requests.average.toFixed(1)} | ${r.latency.p50} | ${r.latency.p99} | ${r.non2xx + r.errors} |`);
    }
  }
  process.stdout.write(`\nnimbus compute API benchmark — ${base}, ${duration}s per cell, microversion 2.79\n\n`);
  process.stdout.write('| call | concurrency | req/s | p50 ms | p99 ms | non-2xx/errors |\n|---|---:|---:|---:|---:|---:|\n');
  process.stdout.write(`${rows.join('\n')}\n`);
  if (!keep) {
    const servers = await benchServers(token);
    for (let i = 0; i < servers.length; i += 20) {
      await Promise.all(servers.slice(i, i + 20).map((s) => fetch(`${base}/compute/v2.1/servers/${s.id}`, { method: 'DELETE', headers: { 'X-Auth-Token': token } })));
    }
    process.stdout.write(`deleted ${servers.length} bench servers\n`);
  }
}

await main();
