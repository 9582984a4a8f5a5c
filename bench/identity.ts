/**
 * bench/identity — token issue (password) and token validate against a running stack.
 *
 *   NIMBUS_URL=http://127.0.0.1:3000 npx tsx bench/identity.ts [--duration 10]
 *
 * Prints requests/s and p50/p99 latency at concurrency 1, 8 and 32, and the password-hash
 * parameters in force. Figures, never assertions: see README "Benchmarks".
 */
import autocannon from 'autocannon';
import { PASSWORD_HASH_PARAMS } from '../packages/core/src/identity/password';

const base = (process.env.NIMBUS_URL ?? 'http://127.0.0.1:3000').replace(/\/+$/, '');
const durationArg = process.argv.indexOf('--duration');
const duration = durationArg > 0 ? Number(process.argv[durationArg + 1]) : 10;
const user = process.env.BENCH_USER ?? 'admin';
const password = process.env.BENCH_PASSWORD ?? process.env.NIMBUS_ADMIN_PASSWORD ?? 'admin';
const CONCURRENCY = [1, 8, 32];

const issueBody = JSON.stringify({
  auth: {
    identity: { methods: ['password'], password: { user: { name: user, domain: { id: 'default' }, password } } },
    scope: { project: { name: user === 'admin' ? 'admin' : 'demo', domain: { id: 'default' } } },
  },
});

async function issueToken(): Promise<string> {
  const res = await fetch(`${base}/identity/v3/auth/tokens?nocatalog`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: issueBody,
  });
  if (res.status !== 201) throw new Error(`token issue failed: ${res.status} ${await res.text()}`);
  return res.headers.get('x-subject-token') as string;
}

interface Row {
  name: string;
  connections: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

async function measure(name: string, connections: number, opts: autocannon.Options): Promise<Row> {
  const result = await autocannon({ ...opts, connections, duration, pipelining: 1 });
  const bad = result.non2xx + result.errors + result.timeouts;
  return {
    name,
    connections,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: bad,
  };
}

async function main(): Promise<void> {
  const token = await issueToken();
  const rows: Row[] = [];
  for (const c of CONCURRENCY) {
    rows.push(
      await measure('validate (GET /v3/auth/tokens)', c, {
        url: `${base}/identity/v3/auth/tokens`,
        headers: { 'X-Auth-Token': token, 'X-Subject-Token': token },
      }),
    );
  }
  for (const c of CONCURRENCY) {
    rows.push(
      await measure('issue (password, project scope)', c, {
        url: `${base}/identity/v3/auth/tokens`,
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: issueBody,
      }),
    );
  }
  const p = PASSWORD_HASH_PARAMS;
  process.stdout.write(
    `nimbus identity benchmark — ${base}, ${duration}s per cell\n` +
      `password hash: argon2id m=${p.memoryCost} KiB, t=${p.timeCost}, p=${p.parallelism} (OWASP)\n\n`,
  );
  process.stdout.write('| operation | concurrency | req/s | p50 ms | p99 ms | non-2xx/errors |\n|---|---:|---:|---:|---:|---:|\n');
  for (const r of rows) {
    process.stdout.write(`| ${r.name} | ${r.connections} | ${r.rps.toFixed(1)} | ${r.p50} | ${r.p99} | ${r.errors} |\n`);
  }
  const bestValidate = Math.max(...rows.filter((r) => r.name.startsWith('validate')).map((r) => r.rps));
  const bestIssue = Math.max(...rows.filter((r) => r.name.startsWith('issue')).map((r) => r.rps));
  process.stdout.write(
    `\nbest validate ${bestValidate.toFixed(0)} req/s (target 5000; Keystone 22 ~49 → ${(bestValidate / 49).toFixed(0)}x)\n` +
      `best issue ${bestIssue.toFixed(1)} req/s (target 75; Keystone 22 ~7.5 → ${(bestIssue / 7.5).toFixed(1)}x)\n`,
  );
}

await main();
