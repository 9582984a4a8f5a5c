import type { FullConfig } from '@playwright/test';

/**
 * Fails fast, with a message saying what to do, when no stack answers at the base URL — instead
 * of every spec timing out on its own.
 */
export default async function globalSetup(config: FullConfig): Promise<void> {
  const baseURL = config.projects[0]?.use.baseURL ?? 'http://127.0.0.1:3000';
  const deadline = Date.now() + 30_000;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${baseURL}/healthz`);
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`no nimbus stack at ${baseURL} (${last}); start one with "npm start" or set NIMBUS_URL`);
}
