import { expect, test } from '@playwright/test';
import {
  startOidcProvider,
  type OidcProviderFixture,
} from '../apps/server/dist/testing/oidc-provider-fixture.js';
import { E2E_OIDC_CLIENT, E2E_OIDC_PORT, E2E_PORT } from './playwright.config';
import { row } from './support';

let provider: OidcProviderFixture;

test.beforeAll(async () => {
  provider = await startOidcProvider({
    port: E2E_OIDC_PORT,
    clients: [
      {
        clientId: E2E_OIDC_CLIENT.id,
        clientSecret: E2E_OIDC_CLIENT.secret,
        redirectUris: [`http://127.0.0.1:${E2E_PORT}/api/oidc/callback`],
      },
    ],
    groups: { vera: ['e2e-viewers'] },
  });
});

test.afterAll(async () => {
  await provider?.stop();
});

test('a viewer signs in through the provider’s login page, sees everything, is offered no action, and finds her sign-in in the audit log', async ({
  page,
}) => {
  await page.goto('/objects/Kustomization/flux-system/apps');
  await expect(page).toHaveURL(/\/login\?next=/);
  await page.getByRole('link', { name: 'Sign in with single sign-on' }).click();

  // oidc-provider's own login page, on its own origin.
  await expect(page).toHaveURL(new RegExp(`^http://127\\.0\\.0\\.1:${E2E_OIDC_PORT}/`));
  await page.locator('input[name="login"]').fill('vera');
  await page.locator('input[name="password"]').fill('any password');
  await page.locator('button[type="submit"]').click();

  // Back where she was going, signed in as herself.
  await expect(page).toHaveURL(/\/objects\/Kustomization\/flux-system\/apps$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('flux-system/apps');
  await expect(page.getByRole('button', { name: /^(Suspend|Resume|Reconcile)\b/ })).toHaveCount(0);

  await page.goto('/');
  await expect(row(page, 'Kustomization', 'flux-system', 'apps')).toBeVisible();
  await expect(page.getByRole('checkbox')).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^(Suspend|Resume|Reconcile) / })).toHaveCount(0);

  await page.goto('/audit');
  const audit = page.getByRole('table', { name: 'Audit log' });
  await expect(audit.getByRole('row').nth(1)).toContainText('vera@example.test');
  await expect(audit.getByRole('row').nth(1)).toContainText('Sign in');
  await expect(audit.getByRole('row').nth(1)).toContainText('OIDC');
  // Only her own access entries: not the admin token's sign-ins of the other tests.
  await expect(audit).not.toContainText('admin token');

  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Log in to Tideline' })).toBeVisible();
});
