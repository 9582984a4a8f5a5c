import { randomBytes } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { logIn, row } from '../fixtures/console';
import { adminToken, createMember } from '../fixtures/keystone';
import { step } from '../fixtures/demo';

// Acceptance 5 of the real-guests issue: a member launches the public tiny-linux image from the
// wizard, watches its boot in the live serial console, types a command and reads the answer, then
// snapshots it and boots a second instance from the snapshot. Real qemu guests (TCG) on the
// stack's node: the only browser test that needs a booted guest.
const suffix = randomBytes(3).toString('hex');
const who = { project: `e2e-guest-${suffix}`, user: `e2e-gm-${suffix}`, password: `Pw-${suffix}-g` };
const serverName = `e2e-tiny-${suffix}`;
const snapshotName = `e2e-snap-${suffix}`;
const cloneName = `e2e-clone-${suffix}`;

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
  await createMember(request, await adminToken(request), who);
  const context = await browser.newContext();
  const page = await context.newPage();

  await step(page, 'member logs in and launches tiny-linux from the wizard', async () => {
    await logIn(page, who.user, who.password);
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
