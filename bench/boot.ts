/**
 * bench/boot — how long nimbus takes from the API call to the guest's boot marker, beside the
 * time bare qemu takes to reach the same marker with the same image on the same machine.
 *
 *   NIMBUS_URL=http://127.0.0.1:3000 npx tsx bench/boot.ts [--runs 5]
 *
 * Needs a stack on the qemu (or libvirt) driver with the public `tiny-linux` image registered
 * (`npm start` does both). Each nimbus run: `POST /servers` (m1.nano, tiny-linux), then
 * `os-getConsoleOutput` every 50 ms until `NIMBUS_BOOT_OK` shows, then the server is deleted and
 * waited for. The first run warms the node's image cache and is reported apart from the median.
 * Bare qemu: the same image through a qcow2 overlay, same accelerator, memory and disk bus,
 * timed from process start to the marker on its serial port. Prints both medians, the overhead
 * nimbus adds, and their ratio (target: nimbus adds less than 1 s).
 */
import { bareQemuBootMs } from './boot-qemu.js';
import { guestImagePath } from '../apps/node-agent/src/testing/guest-image.js';

const base = (process.env.NIMBUS_URL ?? 'http://127.0.0.1:3000').replace(/\/+$/, '');
const arg = (name: string) => process.argv.indexOf(name);
const runs = arg('--runs') > 0 ? Number(process.argv[arg('--runs') + 1]) : 5;
const password = process.env.NIMBUS_ADMIN_PASSWORD ?? 'admin';
const MARKER = 'NIMBUS_BOOT_OK';
const MV = { 'OpenStack-API-Version': 'compute 2.79' };

async function login(): Promise<string> {
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
  return res.headers.get('x-subject-token') as string;
}

async function api<T>(token: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'X-Auth-Token': token, 'Content-Type': 'application/json', ...MV },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 400 && res.status !== 404) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function nimbusBootMs(token: string, imageRef: string, i: number): Promise<number> {
  const t0 = performance.now();
  const created = await api<{ server: { id: string } }>(token, 'POST', '/compute/v2.1/servers', {
    server: { name: `bench-boot-${process.pid}-${i}`, imageRef, flavorRef: '42', networks: 'none' },
  });
  const id = created.body.server.id;
  try {
    for (;;) {
      if (performance.now() - t0 > 180_000) throw new Error(`no ${MARKER} from ${id} within 180 s`);
      const out = await api<{ output: string }>(token, 'POST', `/compute/v2.1/servers/${id}/action`, { 'os-getConsoleOutput': { length: 200 } }).catch(() => undefined);
      if (out?.status === 200 && out.body.output.includes(MARKER)) return performance.now() - t0;
      const show = await api<{ server: { status: string; fault?: { message: string } } }>(token, 'GET', `/compute/v2.1/servers/${id}`);
      if (show.body.server.status === 'ERROR') throw new Error(`server ${id} went to ERROR: ${show.body.server.fault?.message}`);
      await sleep(50);
    }
  } finally {
    await api(token, 'DELETE', `/compute/v2.1/servers/${id}`);
    while ((await api(token, 'GET', `/compute/v2.1/servers/${id}`)).status !== 404) await sleep(200);
  }
}

const token = await login();
const images = await api<{ images: { id: string }[] }>(token, 'GET', '/image/v2/images?name=tiny-linux&status=active');
const imageRef = images.body.images[0]?.id;
if (!imageRef) throw new Error('no active tiny-linux image: start the stack with `npm start` (qemu driver)');

const warm = await nimbusBootMs(token, imageRef, 0);
const nimbus: number[] = [];
for (let i = 1; i <= runs; i++) nimbus.push(await nimbusBootMs(token, imageRef, i));

const imagePath = await guestImagePath();
const bare: number[] = [];
for (let i = 0; i < runs; i++) bare.push(await bareQemuBootMs(imagePath));

const n = median(nimbus);
const b = median(bare);
const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
console.log(`first nimbus boot (cold image cache): ${fmt(warm)}`);
console.log(`nimbus API call → ${MARKER}: median ${fmt(n)} of ${runs} [${nimbus.map(fmt).join(', ')}]`);
console.log(`bare qemu start → ${MARKER}:    median ${fmt(b)} of ${runs} [${bare.map(fmt).join(', ')}]`);
console.log(`overhead nimbus adds: ${fmt(n - b)} (ratio ${(n / b).toFixed(2)}×; target < 1 s)`);
