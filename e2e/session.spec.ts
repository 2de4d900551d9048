import { expect, test } from '@playwright/test';
import { E2E_TOKEN } from './playwright.config';
import { logIn } from './support';

test('logging out ends the session on the server: a copied cookie and its open page go back to the login', async ({
  browser,
  page,
  context,
}) => {
  await logIn(page, E2E_TOKEN);
  const copied = await browser.newContext();
  try {
    // A second browser holding a copy of the session cookie, with the dashboard and its live stream open.
    await copied.addCookies(await context.cookies());
    const other = await copied.newPage();
    await other.goto('/');
    await expect(other.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
    await expect(other.getByText('Live', { exact: true })).toBeVisible();

    await page.getByRole('button', { name: 'Log out' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Log in to Tideline' })).toBeVisible();

    // The server closed the copy's stream when the session was revoked, and the page left.
    await expect(other.getByRole('heading', { level: 1, name: 'Log in to Tideline' })).toBeVisible();
    await other.goto('/');
    await expect(other).toHaveURL(/\/login\?next=%2F$/);
  } finally {
    await copied.close();
  }
});
