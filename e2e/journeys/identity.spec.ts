import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { logIn } from '../fixtures/console';
import { step } from '../fixtures/demo';

// Acceptance 3 of the identity issue, as a tenant admin and a new member would live it.
const suffix = randomBytes(3).toString('hex');
const projectName = `e2e-project-${suffix}`;
const userName = `e2e-user-${suffix}`;
const userPassword = `Pw-${suffix}-secret`;
const adminPassword = process.env.NIMBUS_ADMIN_PASSWORD ?? 'admin';

/** Narrows a list page to `text` (Enter applies at once) and waits for the URL to say so. */
async function filterTable(page: Page, text: string) {
  const search = page.getByRole('searchbox').first();
  await search.fill(text);
  await search.press('Enter');
  await page.waitForURL(new RegExp(`[?&]q=${text}`));
}

test.describe.configure({ mode: 'serial' });

test('admin creates a project and a member; the member lives inside that project only', async ({ browser, baseURL }) => {
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();

  await step(admin, 'admin logs in', async () => {
    await logIn(admin, 'admin', adminPassword);
    await expect(admin.getByRole('navigation').getByRole('link', { name: 'Audit Log' })).toBeVisible();
  });

  await step(admin, 'admin creates a project', async () => {
    await admin.getByRole('navigation').getByRole('link', { name: 'Projects' }).click();
    await expect(admin.getByRole('table', { name: 'Projects' })).toBeVisible();
    await admin.getByRole('button', { name: 'Create Project' }).click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByLabel('Name').fill(projectName);
    await dialog.getByLabel('Description').fill('made by the browser journey');
    await dialog.getByRole('button', { name: 'Create Project' }).click();
    await expect(dialog).toBeHidden();
    await filterTable(admin, projectName);
    await expect(admin.getByRole('table', { name: 'Projects' }).getByRole('link', { name: projectName })).toBeVisible();
  });

  await step(admin, 'admin creates a user with member on the project', async () => {
    await admin.getByRole('navigation').getByRole('link', { name: 'Users' }).click();
    await expect(admin.getByRole('table', { name: 'Users' })).toBeVisible();
    await admin.getByRole('button', { name: 'Create User' }).click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByLabel('User Name').fill(userName);
    await dialog.getByLabel('Password', { exact: true }).fill(userPassword);
    await dialog.getByLabel('Confirm Password').fill(userPassword);
    await dialog.getByLabel('Primary Project').selectOption({ label: projectName });
    await dialog.getByLabel('Role').selectOption({ label: 'member' });
    await dialog.getByRole('button', { name: 'Create User' }).click();
    await expect(dialog).toBeHidden();
    await filterTable(admin, userName);
    await expect(admin.getByRole('table', { name: 'Users' }).getByText(userName, { exact: true })).toBeVisible();
  });

  await step(admin, 'the project shows the member assignment', async () => {
    await admin.getByRole('navigation').getByRole('link', { name: 'Projects' }).click();
    await admin.waitForURL(/\/projects(\?|$)/);
    await filterTable(admin, projectName);
    await admin.getByRole('table', { name: 'Projects' }).getByRole('link', { name: projectName }).click();
    const assignments = admin.getByRole('table', { name: 'Role assignments' });
    const row = assignments.getByRole('row').filter({ hasText: userName });
    await expect(row).toBeVisible();
    await expect(row).toContainText('member');
  });
  await adminContext.close();

  const userContext = await browser.newContext({ acceptDownloads: true });
  const member = await userContext.newPage();

  await step(member, 'the member logs in and lands in their project', async () => {
    await logIn(member, userName, userPassword);
    const switcher = member.getByRole('button', { name: /Current project/ });
    await expect(switcher).toContainText(projectName);
    await switcher.click();
    const items = member.getByRole('menuitem');
    await expect(items).toHaveCount(1);
    await expect(items.first()).toContainText(projectName);
    await member.keyboard.press('Escape');
  });

  await step(member, 'no Admin section, and Admin URLs are not found', async () => {
    const nav = member.getByRole('navigation');
    await expect(nav.getByRole('link', { name: 'Audit Log' })).toHaveCount(0);
    await expect(nav.getByText('Admin', { exact: true })).toHaveCount(0);
    for (const path of ['/admin', '/admin/audit-log']) {
      const res = await member.goto(path);
      expect(res?.status(), path).toBe(404);
    }
  });

  await step(member, 'the member downloads openrc from API Access', async () => {
    await member.goto('/project/api-access');
    await expect(member.getByRole('heading', { name: 'API Access' })).toBeVisible();
    const [download] = await Promise.all([
      member.waitForEvent('download'),
      member.getByRole('link', { name: 'Download OpenStack RC File' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/-openrc\.sh$/);
    const text = readFileSync((await download.path())!, 'utf8');
    // Values may be shell-quoted.
    const exported = (name: string, value: string) => new RegExp(`^export ${name}=(['"]?)${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\1$`, 'm');
    expect(text).toMatch(exported('OS_AUTH_URL', `${baseURL}/identity`));
    expect(text).toMatch(exported('OS_USERNAME', userName));
    expect(text).toMatch(exported('OS_PROJECT_NAME', projectName));
    expect(text).toContain('OS_IDENTITY_API_VERSION=3');
  });

  const cookies = await userContext.cookies();
  const session = cookies.find((c) => c.name === 'nimbus_session');
  expect(session).toBeTruthy();

  await step(member, 'logout revokes the session', async () => {
    await member.getByRole('button', { name: new RegExp(userName) }).click();
    await member.getByRole('menuitem', { name: 'Sign out' }).click();
    await member.waitForURL(/\/login/);
  });
  await userContext.close();

  // The old cookie is useless: in a browser, and as a token on the API.
  const replay = await browser.newContext();
  await replay.addCookies([session!]);
  const page = await replay.newPage();
  await page.goto('/project');
  await expect(page).toHaveURL(/\/login/);
  const api = await replay.request.get('/identity/v3/auth/projects', { headers: { 'X-Auth-Token': session!.value } });
  expect(api.status()).toBe(401);
  await replay.close();
});
