/**
 * bench/console — how fast the console shows Identity → Projects and → Users, in Chromium.
 *
 *   NIMBUS_URL=http://127.0.0.1:3000 npx tsx bench/console.ts [--runs 5]
 *
 * Ensures 200 projects and 200 users exist (created through the Keystone API, kept for re-runs),
 * then for each page and each of N fresh browser contexts (signed in beforehand, untimed) times
 * navigation start → the first animation frame showing a data row of the table (measured in the
 * page), and counts bytes on the wire (compressed, as
 * Chromium's Network domain reports them). Also weighs the login page. Prints medians.
 */
import { chromium, type BrowserContext } from '@playwright/test';

const base = (process.env.NIMBUS_URL ?? 'http://127.0.0.1:3000').replace(/\/+$/, '');
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
const COUNT = 200;
const adminPassword = process.env.NIMBUS_ADMIN_PASSWORD ?? 'admin';

async function adminToken(): Promise<string> {
  const res = await fetch(`${base}/identity/v3/auth/tokens?nocatalog`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      auth: {
        identity: { methods: ['password'], password: { user: { name: 'admin', domain: { id: 'default' }, password: adminPassword } } },
        scope: { project: { name: 'admin', domain: { id: 'default' } } },
      },
    }),
  });
  if (res.status !== 201) throw new Error(`admin login failed: ${res.status}`);
  return res.headers.get('x-subject-token') as string;
}

async function ensureData(token: string): Promise<void> {
  const headers = { 'X-Auth-Token': token, 'Content-Type': 'application/json' };
  const list = async (kind: 'projects' | 'users') => {
    const res = await fetch(`${base}/identity/v3/${kind}`, { headers });
    const body = (await res.json()) as Record<string, { name: string }[]>;
    return new Set((body[kind] ?? []).map((r) => r.name));
  };
  const projects = await list('projects');
  const users = await list('users');
  const todo: Promise<unknown>[] = [];
  for (let i = 0; i < COUNT; i++) {
    const n = String(i).padStart(3, '0');
    if (!projects.has(`bench-project-${n}`)) {
      todo.push(fetch(`${base}/identity/v3/projects`, { method: 'POST', headers, body: JSON.stringify({ project: { name: `bench-project-${n}`, domain_id: 'default', description: `benchmark project ${n}` } }) }));
    }
    if (!users.has(`bench-user-${n}`)) {
      todo.push(fetch(`${base}/identity/v3/users`, { method: 'POST', headers, body: JSON.stringify({ user: { name: `bench-user-${n}`, domain_id: 'default', password: `bench-${n}-pw`, email: `bench-${n}@example.test` } }) }));
    }
    if (todo.length >= 16) await Promise.all(todo.splice(0));
  }
  await Promise.all(todo);
  process.stdout.write(`data: ${(await list('projects')).size} projects, ${(await list('users')).size} users\n`);
}

/** Bytes on the wire for everything the page loads (encodedDataLength: after compression). */
async function countBytes(context: BrowserContext, page: import('@playwright/test').Page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  let bytes = 0;
  cdp.on('Network.loadingFinished', (e) => {
    bytes += e.encodedDataLength;
  });
  return () => bytes;
}

/** Records, per animation frame, the first moment a data row of the named table has a size. */
function visibleProbe(table: string): string {
  return `(function () {
    function tick() {
      var t = Array.prototype.find.call(document.querySelectorAll('table'), function (t) {
        var c = t.querySelector('caption');
        return (c && c.textContent === ${JSON.stringify(table)}) || t.getAttribute('aria-label') === ${JSON.stringify(table)};
      });
      var row = t && t.querySelector('tbody tr');
      if (row && row.getBoundingClientRect().height > 0) { window.__nimbusRowVisibleAt = performance.now(); return; }
      requestAnimationFrame(tick);
    }
    requestAnimationFrame(tick);
  })();`;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

async function main(): Promise<void> {
  await ensureData(await adminToken());
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const results: { page: string; ms: number[]; bytes: number[] }[] = [];
  try {
    // Login page weight: a fresh context, nothing cached.
    {
      const context = await browser.newContext();
      const page = await context.newPage();
      const bytes = await countBytes(context, page);
      await page.goto(`${base}/login`, { waitUntil: 'networkidle' });
      results.push({ page: 'login page', ms: [], bytes: [bytes()] });
      await context.close();
    }
    for (const [name, path, table] of [
      ['Identity → Projects', '/projects', 'Projects'],
      ['Identity → Users', '/users', 'Users'],
    ] as const) {
      const row = { page: name, ms: [] as number[], bytes: [] as number[] };
      for (let i = 0; i < RUNS; i++) {
        const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
        const login = await context.request.post(`${base}/auth/login`, {
          form: { domain: 'Default', username: 'admin', password: adminPassword },
          maxRedirects: 0,
        });
        if (login.status() !== 303) throw new Error(`console login failed: ${login.status()}`);
        const page = await context.newPage();
        await page.addInitScript({ content: visibleProbe(table) });
        const bytes = await countBytes(context, page);
        await page.goto(`${base}${path}`, { waitUntil: 'commit' });
        await page.getByRole('table', { name: table }).locator('tbody tr').first().waitFor({ state: 'visible' });
        await page.waitForLoadState('networkidle');
        // Milliseconds since the navigation started (the page's time origin), taken in the page
        // on the first animation frame that shows a row: Playwright's own polling is too coarse.
        row.ms.push(await page.evaluate(() => (window as unknown as { __nimbusRowVisibleAt: number }).__nimbusRowVisibleAt));
        row.bytes.push(bytes());
        await context.close();
      }
      results.push(row);
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(`\nnimbus console benchmark — ${base}, median of ${RUNS} fresh contexts, ${COUNT} projects + ${COUNT} users\n\n`);
  process.stdout.write('| page | median ms to table visible | runs (ms) | bytes transferred (compressed) |\n|---|---:|---|---:|\n');
  for (const r of results) {
    const ms = r.ms.length ? median(r.ms).toFixed(0) : '—';
    process.stdout.write(`| ${r.page} | ${ms} | ${r.ms.map((m) => m.toFixed(0)).join(', ')} | ${Math.round(median(r.bytes)).toLocaleString('en')} |\n`);
  }
  process.stdout.write('\nFor scale (same machine, same data): Horizon 2.2 s Projects, 1.2 s Users; its login page 3 MB uncompressed. Targets: < 0.5 s each, login < 300 KB compressed.\n');
}

await main();
