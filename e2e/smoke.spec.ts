import { expect, test } from '@playwright/test';
import { step } from './fixtures/demo';

test('the stack answers its health check', async ({ request }) => {
  const res = await request.get('/healthz');
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toContain('application/json');
});

test('the login page shows a heading', async ({ page }) => {
  await step(page, 'login page', async () => {
    await page.goto('/login');
    await expect(page.getByRole('heading').first()).toBeVisible();
  });
});
