import { expect, test } from '@playwright/test';
import { E2E_TOKEN } from './playwright.config';
import { logIn } from './support';

test("an admin ends another browser's session from the tokens page after a confirmation; that browser is signed out; audited", async ({
  browser,
  page,
}) => {
  const other = await browser.newContext();
  try {
    const otherPage = await other.newPage();
    await logIn(otherPage, E2E_TOKEN);
    await logIn(page, E2E_TOKEN);
    await page.getByRole('link', { name: 'API tokens' }).click();
    const table = page.getByRole('table', { name: 'Signed-in sessions' });
    await expect(table.getByRole('row', { name: /this browser/ })).toHaveCount(1);
    const others = table
      .getByRole('row')
      .filter({ hasNotText: 'this browser' })
      .filter({ hasText: 'admin token' });
    await expect(others.first()).toBeVisible();
    const before = await others.count();

    // The confirmation can be cancelled: nothing ends.
    await others.first().getByRole('button', { name: 'End session of admin token' }).click();
    const dialog = page.getByRole('dialog', { name: 'End an admin token session?' });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    await expect(others).toHaveCount(before);

    // Ending every other admin-token session signs the other browser out.
    for (let i = 0; i < before; i++) {
      await others.first().getByRole('button', { name: 'End session of admin token' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'End session' }).click();
      await expect(others).toHaveCount(before - i - 1);
    }
    // Its live stream ends with the session, and the dashboard leaves for the login page by itself.
    await expect(otherPage).toHaveURL(/\/login/, { timeout: 10_000 });
    await otherPage.goto('/');
    await expect(otherPage).toHaveURL(/\/login/);
    await expect(table.getByRole('row', { name: /this browser/ })).toHaveCount(1);

    await page.getByRole('link', { name: 'Audit log' }).click();
    const audit = page.getByRole('table', { name: 'Audit log' });
    await expect(audit.getByRole('row').nth(1)).toContainText('End session');
    await expect(audit.getByRole('row').nth(1)).toContainText('session of the admin token');
  } finally {
    await other.close();
  }
});
