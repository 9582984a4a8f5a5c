import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { logIn, row } from '../fixtures/console';
import { adminToken, createMember } from '../fixtures/keystone';
import { step } from '../fixtures/demo';

// Acceptance 4 of the compute issue: a member's compute journey, and another project's member
// who sees none of it. Both users and projects are made through the Keystone API first.
const suffix = randomBytes(3).toString('hex');
const a = { project: `e2e-compute-${suffix}`, user: `e2e-cm-${suffix}`, password: `Pw-${suffix}-a` };
const b = { project: `e2e-other-${suffix}`, user: `e2e-om-${suffix}`, password: `Pw-${suffix}-b` };
const imageName = `e2e-image-${suffix}`;
const keyName = `e2e-key-${suffix}`;
const serverName = `e2e-vm-${suffix}`;

test.describe.configure({ mode: 'serial' });

test('a member uploads an image, launches two instances and watches them live; another project sees none of it', async ({ browser, request }) => {
  test.setTimeout(180_000);
  const token = await adminToken(request);
  await createMember(request, token, a);
  await createMember(request, token, b);

  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();

  await step(page, 'member logs in and sees the project quota usage', async () => {
    await logIn(page, a.user, a.password);
    await expect(page.getByRole('meter', { name: 'Instances' })).toBeVisible();
  });

  await step(page, 'member uploads an image with a progress bar', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Images' }).click();
    await expect(page.getByRole('table', { name: 'Images' })).toBeVisible();
    await page.getByRole('button', { name: 'Create Image' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Image file').setInputFiles({ name: 'tiny.raw', mimeType: 'application/octet-stream', buffer: randomBytes(2 * 1024 * 1024) });
    await dialog.getByLabel('Image name').fill(imageName);
    await dialog.getByRole('button', { name: 'Create Image' }).click();
    await expect(dialog).toBeHidden({ timeout: 30_000 });
    await expect(row(page, 'Images', imageName).getByText('Active')).toBeVisible();
  });

  await step(page, 'member creates a key pair and downloads the private key once', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Key Pairs' }).click();
    await page.getByRole('button', { name: 'Create Key Pair' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Key pair name').fill(keyName);
    await dialog.getByRole('button', { name: 'Create Key Pair' }).click();
    await expect(dialog.getByLabel('Private key', { exact: true })).toContainText('PRIVATE KEY');
    const download = page.waitForEvent('download');
    await dialog.getByRole('button', { name: /^Download/ }).click();
    expect((await download).suggestedFilename()).toBe(`${keyName}.pem`);
    await dialog.getByRole('button', { name: 'Close' }).first().click();
    await expect(row(page, 'Key Pairs', keyName)).toBeVisible();
  });

  await step(page, 'member launches two instances through the wizard, seeing the quota impact first', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Instances' }).click();
    await page.getByRole('button', { name: 'Launch Instance' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Instance name').fill(serverName);
    await dialog.getByLabel('Count').fill('2');
    await dialog.getByRole('button', { name: 'Next' }).click();
    await dialog.getByRole('radio', { name: imageName }).check();
    await dialog.getByRole('button', { name: 'Next' }).click();
    await dialog.getByRole('radio', { name: 'm1.tiny' }).check();
    await expect(dialog.getByRole('region', { name: 'Quota impact' })).toContainText(/uses 2 of \d+ remaining instances/);
    await dialog.getByRole('button', { name: 'Next' }).click();
    await dialog.getByLabel('Key pair').selectOption(keyName);
    await dialog.getByRole('button', { name: 'Launch Instance' }).click();
    await expect(dialog).toBeHidden();
  });

  await step(page, 'both instances turn ACTIVE without a reload', async () => {
    for (const n of [1, 2]) await expect(row(page, 'Instances', `${serverName}-${n}`).getByText('Active', { exact: true })).toBeVisible({ timeout: 60_000 });
  });

  await step(page, 'member stops one; it reaches SHUTOFF', async () => {
    await page.getByRole('button', { name: `Actions for instance ${serverName}-1` }).click();
    await page.getByRole('menuitem', { name: 'Stop instance' }).click();
    await expect(row(page, 'Instances', `${serverName}-1`).getByText('Shut off')).toBeVisible({ timeout: 60_000 });
  });

  await step(page, 'member reads its console log and action log', async () => {
    await row(page, 'Instances', `${serverName}-1`).getByRole('link', { name: `${serverName}-1` }).click();
    await page.getByRole('tab', { name: 'Console Log' }).click();
    await expect(page.getByLabel('Console log', { exact: true })).not.toBeEmpty({ timeout: 30_000 });
    await page.getByRole('tab', { name: 'Action Log' }).click();
    const log = page.getByRole('list', { name: 'Action log' });
    await expect(log).toContainText('stop');
    await expect(log).toContainText('create');
  });

  const instanceUrl = page.url().replace(/\?.*$/, '');

  await step(page, 'the other project member sees none of it', async () => {
    const otherContext = await browser.newContext();
    const other = await otherContext.newPage();
    await logIn(other, b.user, b.password);
    await other.goto('/project/instances');
    await expect(other.getByRole('table', { name: 'Instances' })).toBeVisible();
    await expect(other.getByText(serverName)).toHaveCount(0);
    await other.goto('/project/images');
    await expect(other.getByRole('table', { name: 'Images' })).toBeVisible();
    await expect(other.getByText(imageName)).toHaveCount(0);
    await other.goto('/project/key-pairs');
    await expect(other.getByText(keyName)).toHaveCount(0);
    const res = await other.goto(instanceUrl);
    expect(res?.status()).toBe(404);
    await otherContext.close();
  });

  await step(page, 'member deletes both instances', async () => {
    await page.goto('/project/instances');
    await row(page, 'Instances', `${serverName}-1`).getByRole('checkbox').check();
    await row(page, 'Instances', `${serverName}-2`).getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete Instances' }).click();
    await expect(page.getByRole('table', { name: 'Instances' }).getByText(serverName)).toHaveCount(0, { timeout: 60_000 });
  });

  await context.close();
});
