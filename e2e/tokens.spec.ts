import { expect, test } from '@playwright/test';
import { E2E_TOKEN } from './playwright.config';
import { logIn } from './support';

test('an API token is made on the tokens page, shown once, works as a bearer token and stops when revoked; both are audited', async ({
  page,
  request,
}) => {
  await logIn(page, E2E_TOKEN);
  await page.getByRole('link', { name: 'API tokens' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'API tokens' })).toBeVisible();
  await page.getByLabel('Name', { exact: true }).fill('e2e-ci');
  await page.getByLabel('Role', { exact: true }).selectOption('viewer');
  await page.getByLabel('Namespaces (empty: all yours)').fill('flux-system');
  await page.getByRole('button', { name: 'Create token' }).click();
  const secret = page.getByRole('textbox', { name: 'New API token' });
  await expect(secret).toHaveValue(/^tl_[0-9a-f]{18}_/);
  const token = await secret.inputValue();
  const row = page.getByRole('row', { name: /e2e-ci/ });
  await expect(row).toContainText('viewer in flux-system');

  // A client of its own (no session cookie): the token alone.
  const list = (): Promise<number> =>
    request
      .get('/trpc/objects.list', { headers: { authorization: `Bearer ${token}` } })
      .then((r) => r.status());
  expect(await list()).toBe(200);

  // Shown once: a reload lists the token, never its secret.
  await page.reload();
  await expect(page.getByRole('row', { name: /e2e-ci/ })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'New API token' })).toHaveCount(0);
  expect(await page.content()).not.toContain(token);

  await page.getByRole('button', { name: 'Revoke token e2e-ci' }).click();
  await expect(page.getByRole('row', { name: /e2e-ci/ })).toHaveCount(0);
  expect(await list()).toBe(401);

  await page.getByRole('link', { name: 'Audit log' }).click();
  const audit = page.getByRole('table', { name: 'Audit log' });
  await expect(audit.getByRole('row').nth(1)).toContainText('Revoke API token');
  await expect(audit.getByRole('row').nth(2)).toContainText('Create API token');
  await expect(audit).toContainText('"e2e-ci" (viewer in flux-system)');
  await expect(audit).toContainText('admin token');
});
