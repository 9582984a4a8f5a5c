import { defineConfig } from 'vitest/config';

/**
 * Three projects, chosen with `--project`:
 * - unit: `*.test.ts` beside the code — pure and fast, run in parallel;
 * - integration: `*.int.test.ts` — real PostgreSQL and Redis, few files at a time, longer timeouts;
 * - conformance: `conformance/**` — the real `openstack` CLI against a live stack at NIMBUS_URL.
 * `npm test` (scripts/test.sh) runs all three, conformance against a stack it starts itself; a
 * bare `npx vitest run` runs all three too, so name the projects you mean.
 */
const ignored = ['**/node_modules/**', '**/.next/**', '**/dist/**', 'e2e/**', '**/generated/**'];

export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          sequence: { groupOrder: 0 },
          include: ['**/*.test.ts', '**/*.test.tsx'],
          exclude: [...ignored, '**/*.int.test.ts', 'conformance/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          // Runs after unit (and conformance after it): projects with different worker limits must
          // be ordered.
          sequence: { groupOrder: 1 },
          include: ['**/*.int.test.ts'],
          exclude: [...ignored, 'conformance/**'],
          // Two cores: more files at once only makes each wait on PostgreSQL and Redis.
          fileParallelism: true,
          maxWorkers: 2,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'conformance',
          sequence: { groupOrder: 2 },
          include: ['conformance/**/*.test.ts'],
          exclude: ignored,
          // The CLI starts a Python interpreter per command (about a second each): one file at a time.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
