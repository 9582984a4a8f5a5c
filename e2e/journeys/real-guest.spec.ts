import { randomBytes } from 'node:crypto';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { step } from '../fixtures/demo';

// Acceptance 5 of the real-guests issue: a member launches the public tiny-linux image from the
// wizard, watches its boot in the live serial console, types a command and reads the answer, then
// snapshots it and boots a second instance from the snapshot. Real qemu guests (TCG) on the
// stack's node: the only browser test that needs a booted guest.
const suffix = randomBytes(3).toString('hex');
const adminPassword = process.env.NIMBUS_ADMIN_PASSWORD ?? 'admin';
const who = { project: `e2e-guest-${suffix}`, user: `e2e-gm-${suffix}`, password: `Pw-${suffix}-g` };
const serverName = `e2e-tiny-${suffix}`;
const snapshotName = `e2e-snap-${suffix}`;
const cloneName = `e2e-clone-${suffix}`;

async function adminToken(request: APIRequestContext): Promise<string> {
  const res = await request.post('/identity/v3/auth/tokens', {
    data: {
      auth: {
        identity: { methods: ['password'], password: { user: { name: 'admin', domain: { name: 'Default' }, password: adminPassword } } },
        scope: { project: { name: 'admin', domain: { name: 'Default' } } },
      },
    },
  });
  expect(res.status()).toBe(201);
  return res.headers()['x-subject-token']!;
}

async function makeMember(request: APIRequestContext, token: string): Promise<void> {
  const headers = { 'X-Auth-Token': token };
  const domains = (await (await request.get('/identity/v3/domains?name=Default', { headers })).json()) as { domains: { id: string }[] };
  const domainId = domains.domains[0]!.id;
  const roles = (await (await request.get('/identity/v3/roles?name=member', { headers })).json()) as { roles: { id: string }[] };
  const project = await request.post('/identity/v3/projects', { headers, data: { project: { name: who.project, domain_id: domainId } } });
  expect(project.status()).toBe(201);
  const projectId = ((await project.json()) as { project: { id: string } }).project.id;
  const user = await request.post('/identity/v3/users', { headers, data: { user: { name: who.user, password: who.password, domain_id: domainId, default_project_id: projectId } } });
  expect(user.status()).toBe(201);
  const userId = ((await user.json()) as { user: { id: string } }).user.id;
  const grant = await request.put(`/identity/v3/projects/${projectId}/users/${userId}/roles/${roles.roles[0]!.id}`, { headers });
  expect(grant.status()).toBe(204);
}

function row(page: Page, table: string, name: string) {
  return page.getByRole('table', { name: table }).getByRole('row').filter({ hasText: name });
}

async function launch(page: Page, name: string, image: string): Promise<void> {
  await page.goto('/project/instances');
  await page.getByRole('button', { name: 'Launch Instance' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Instance name').fill(name);
  await dialog.getByRole('button', { name: 'Next' }).click();
  await dialog.getByRole('radio', { name: image }).check();
  await dialog.getByRole('button', { name: 'Next' }).click();
  await dialog.getByRole('radio', { name: 'm1.nano' }).check();
  await dialog.getByRole('button', { name: 'Next' }).click();
  await dialog.getByRole('button', { name: 'Launch Instance' }).click();
  await expect(dialog).toBeHidden();
  await expect(row(page, 'Instances', name).getByText('Active', { exact: true })).toBeVisible({ timeout: 90_000 });
}

test('a member boots tiny-linux, types into its live console, snapshots it and boots the snapshot', async ({ browser, request }) => {
  test.setTimeout(300_000);
  await makeMember(request, await adminToken(request));
  const context = await browser.newContext();
  const page = await context.newPage();

  await step(page, 'member logs in and launches tiny-linux from the wizard', async () => {
    await page.goto('/login');
    await page.getByLabel('Domain').fill('Default');
    await page.getByLabel('User Name').fill(who.user);
    await page.getByLabel('Password').fill(who.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(/\/project(\?|$)/);
    await launch(page, serverName, 'tiny-linux');
  });

  const terminal = page.getByRole('group', { name: 'Serial console' });

  await step(page, 'the Console tab shows the boot in a live terminal', async () => {
    await row(page, 'Instances', serverName).getByRole('link', { name: serverName }).click();
    await page.getByRole('tab', { name: 'Console', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible({ timeout: 30_000 });
    await expect(terminal).toContainText('NIMBUS_BOOT_OK', { timeout: 60_000 });
    await expect(terminal).toContainText(`hostname: ${serverName}`, { timeout: 60_000 });
  });

  await step(page, 'typing a command in the terminal reaches the guest shell and its answer comes back', async () => {
    await terminal.click();
    await page.keyboard.press('Enter');
    await page.keyboard.type('echo answer-$((40+2))');
    await page.keyboard.press('Enter');
    // The typed line echoes `$((40+2))`; only the shell can print the 42.
    await expect(terminal).toContainText('answer-42', { timeout: 30_000 });
  });

  await step(page, 'member takes a snapshot of the instance; it becomes an active image', async () => {
    await page.getByRole('button', { name: 'Actions', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Create snapshot' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Snapshot name').fill(snapshotName);
    await dialog.getByRole('button', { name: 'Create Snapshot' }).click();
    await expect(dialog).toBeHidden();
    await page.goto('/project/images');
    await expect(row(page, 'Images', snapshotName).getByText('Active')).toBeVisible({ timeout: 120_000 });
  });

  await step(page, 'a second instance boots from the snapshot', async () => {
    await launch(page, cloneName, snapshotName);
    await row(page, 'Instances', cloneName).getByRole('link', { name: cloneName }).click();
    await page.getByRole('tab', { name: 'Console Log' }).click();
    const log = page.getByLabel('Console log', { exact: true });
    await expect(async () => {
      await page.getByRole('button', { name: 'Refresh' }).click();
      await expect(log).toContainText(`hostname: ${cloneName}`, { timeout: 2_000 });
    }).toPass({ timeout: 90_000 });
  });

  await step(page, 'member deletes both instances', async () => {
    await page.goto('/project/instances');
    await row(page, 'Instances', serverName).getByRole('checkbox').check();
    await row(page, 'Instances', cloneName).getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete Instances' }).click();
    await expect(page.getByRole('table', { name: 'Instances' }).getByText(suffix)).toHaveCount(0, { timeout: 60_000 });
  });

  await context.close();
});
