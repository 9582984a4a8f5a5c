import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';

/**
 * Browser tests against a running stack (NIMBUS_URL). `npm test` starts a throwaway stack for
 * them; `npm run demo` runs the journeys slowly against yours (NIMBUS_DEMO=1, NIMBUS_DEMO_SLOWMO).
 * The browser is Debian's Chromium: Playwright's own download is not reachable from here.
 */
const baseURL = (process.env.NIMBUS_URL ?? 'http://127.0.0.1:3000').replace(/\/+$/, '');
const slowMo = Number(process.env.NIMBUS_DEMO_SLOWMO ?? 0) || 0;

// Chromium writes its profile settings under XDG_CONFIG_HOME; keep them out of the user's home.
const xdgConfigHome = path.join(tmpdir(), 'nimbus-playwright-xdg');
mkdirSync(xdgConfigHome, { recursive: true });

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './e2e/global-setup.ts',
  outputDir: 'test-results/playwright',
  // Two cores run the stack, Chromium and the fake guests at once: journeys get room to breathe.
  timeout: slowMo > 0 ? 300_000 : 120_000,
  expect: { timeout: 10_000 },
  workers: 2,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  reporter: [
    ['list'],
    ['json', { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_FILE ?? 'test-results/playwright.json' }],
  ],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
            '--disable-quic',
          ],
          env: { ...process.env, XDG_CONFIG_HOME: xdgConfigHome },
          slowMo,
        },
      },
    },
  ],
});
