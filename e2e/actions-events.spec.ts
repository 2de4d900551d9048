import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { E2E_TOKEN } from './playwright.config';
import { kubectl, logIn, row, SUSPENDED } from './support';

const screenshots = join(import.meta.dirname, 'screenshots');

test.describe.configure({ mode: 'serial' });

test.beforeEach(async ({ page }) => {
  await logIn(page, E2E_TOKEN);
});

test('suspend asks once, shows the blast radius, records the reason on the object, in the audit log and as an Event', async ({
  page,
}) => {
  const source = row(page, 'GitRepository', 'flux-system', 'flux-system');
  await source
    .getByRole('button', { name: 'Suspend GitRepository flux-system/flux-system', exact: true })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Suspend GitRepository flux-system/flux-system?' });
  const radius = dialog.getByRole('region', { name: 'Blast radius' });
  await expect(radius).toContainText(/\d+ Flux objects? downstream/);
  await expect(radius).toContainText('source Kustomization flux-system/flux-system');
  await dialog.getByRole('textbox', { name: /Reason/ }).fill('Freeze during the release window');
  await page.screenshot({ path: join(screenshots, 'suspend-dialog.png') });
  await dialog.getByRole('button', { name: 'Suspend', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(source.getByRole('cell').nth(SUSPENDED)).toHaveText('Yes');
  expect(
    await kubectl(
      'get',
      'gitrepository',
      'flux-system',
      '-n',
      'flux-system',
      '-o',
      'jsonpath={.metadata.annotations.metadata\\.weave\\.works/suspended-comment}',
    ),
  ).toBe('Freeze during the release window');

  await page.getByRole('link', { name: 'GitRepository flux-system/flux-system', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('flux-system/flux-system');
  await expect(page.getByText('Yes, by admin: Freeze during the release window')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Actions on this object' })).toContainText(
    'Freeze during the release window',
  );
  await expect(page.getByRole('list', { name: 'Timeline entries' })).toContainText('SuspendRequested');

  // Resume from the object's page: no question (the one rule), and the annotations go.
  await page
    .getByRole('button', { name: 'Resume GitRepository flux-system/flux-system', exact: true })
    .click();
  await expect(page.getByText('Resumed', { exact: true })).toBeVisible();
  expect(
    await kubectl(
      'get',
      'gitrepository',
      'flux-system',
      '-n',
      'flux-system',
      '-o',
      'jsonpath={.metadata.annotations}',
    ),
  ).not.toContain('suspended-by');

  await page.getByRole('link', { name: 'Audit log' }).click();
  const audit = page.getByRole('table', { name: 'Audit log' });
  await expect(audit.getByRole('row').nth(1)).toContainText('Resume');
  await expect(audit.getByRole('row').nth(2)).toContainText('Freeze during the release window');
  await page.screenshot({ path: join(screenshots, 'audit.png'), fullPage: true });
});

test('reconcile shows requested → picked up → the applied revision', async ({ page }) => {
  const apps = row(page, 'Kustomization', 'flux-system', 'apps');
  await apps.getByRole('button', { name: 'Reconcile Kustomization flux-system/apps', exact: true }).click();
  await expect(apps.getByRole('status')).toHaveText(/^Reconciled: Ready at main@sha1:[0-9a-f]{40}$/);
  const handled = await kubectl(
    'get',
    'kustomization',
    'apps',
    '-n',
    'flux-system',
    '-o',
    'jsonpath={.status.lastHandledReconcileAt}',
  );
  expect(handled).toBe(
    await kubectl(
      'get',
      'kustomization',
      'apps',
      '-n',
      'flux-system',
      '-o',
      'jsonpath={.metadata.annotations.reconcile\\.fluxcd\\.io/requestedAt}',
    ),
  );
});

test('bulk actions confirm once and show each object’s progress', async ({ page }) => {
  await page.getByRole('checkbox', { name: 'Select Kustomization flux-system/apps' }).check();
  await page.getByRole('checkbox', { name: 'Select GitRepository flux-system/apps' }).check();
  const bulk = page.getByRole('region', { name: 'Bulk actions' });
  await expect(bulk).toContainText('2 selected');
  await bulk.getByRole('button', { name: 'Reconcile selected' }).click();
  const dialog = page.getByRole('dialog', { name: 'Reconcile 2 objects?' });
  await dialog.getByRole('button', { name: 'Reconcile 2 objects' }).click();
  const progress = bulk.getByRole('list', { name: 'Bulk action progress' });
  await expect(progress.getByRole('listitem')).toHaveCount(2);
  for (const item of await progress.getByRole('listitem').all())
    await expect(item).toContainText(/Reconciled: Ready at /);
  await page.screenshot({ path: join(screenshots, 'bulk.png'), fullPage: true });
});

test('the events page filters through the URL, links to objects and folds repeats', async ({ page }) => {
  await page.goto('/events?kind=GitRepository&reason=SuspendRequested');
  await expect(page.getByRole('combobox', { name: 'Kind' })).toHaveValue('GitRepository');
  await expect(page.getByRole('searchbox', { name: 'Reason' })).toHaveValue('SuspendRequested');
  const table = page.getByRole('table', { name: 'Events' });
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table).toContainText('admin suspended GitRepository flux-system/flux-system from Tideline');
  await page.screenshot({ path: join(screenshots, 'events.png'), fullPage: true });

  await page.getByRole('combobox', { name: 'Type' }).selectOption('Warning');
  await expect(page).toHaveURL(/type=Warning/);
  await expect(table).toContainText('No events match these filters');
  await page.goBack();
  await expect(page).not.toHaveURL(/type=Warning/);
  await expect(table.getByRole('row')).toHaveCount(2);

  // Live: a reconcile requested elsewhere appears without a reload.
  await page.getByRole('searchbox', { name: 'Reason' }).fill('ReconcileRequested');
  await page.getByRole('combobox', { name: 'Kind' }).selectOption('Kustomization');
  await expect(table).toContainText('requested a reconcile of Kustomization flux-system/apps');
  await table.getByRole('link', { name: 'Kustomization flux-system/apps' }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('flux-system/apps');
});

test('an object’s page says which Alerts cover it; a Receiver’s page gives its webhook URL to copy', async ({
  page,
}) => {
  await page.goto('/objects/Kustomization/flux-system/apps');
  const notifications = page.getByRole('region', { name: 'Notifications' });
  await expect(notifications).toContainText(
    'Alert flux-system/deployment-alerts → Provider flux-system/slack (all events)',
  );
  await page.goto('/objects/GitRepository/flux-system/flux-system');
  await expect(page.getByRole('region', { name: 'Notifications' })).toContainText(
    'No Alert covers this object',
  );

  await page.goto('/objects/Receiver/flux-system/flux-system');
  await expect(page.getByRole('button', { name: 'Copy Webhook URL' })).toBeVisible();
  await expect(page.getByText(/^http:\/\/127\.0\.0\.1:\d+\/hook\/[0-9a-f]{64}$/)).toBeVisible();
  await page.screenshot({ path: join(screenshots, 'receiver.png'), fullPage: true });
});

test('a HelmRelease’s page shows its release history; Force asks first and adds a revision', async ({
  page,
}) => {
  await page.goto('/objects/HelmRelease/podinfo/podinfo');
  const helm = page.getByRole('region', { name: 'Helm release' });
  const history = helm.getByRole('table', { name: 'Release history' });
  await expect(history.getByRole('row').nth(1)).toContainText('deployed');
  const before = await history.getByRole('row').count();
  await expect(helm).toContainText('Failures: 0');
  await expect(helm).toContainText('Inline values (spec.values)');

  await page.getByRole('button', { name: 'Force HelmRelease podinfo/podinfo', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Force HelmRelease podinfo/podinfo?' });
  await expect(dialog).toContainText('even when nothing changed');
  await dialog.getByRole('button', { name: 'Force', exact: true }).click();
  await expect(page.getByText(/^Forced release: Ready at /)).toBeVisible({ timeout: 120_000 });
  await expect(history.getByRole('row')).toHaveCount(before + 1);
  await expect(history.getByRole('row').nth(1)).toContainText('deployed');
  await page.screenshot({ path: join(screenshots, 'helmrelease.png'), fullPage: true });
  expect(
    await kubectl(
      'get',
      'helmrelease',
      'podinfo',
      '-n',
      'podinfo',
      '-o',
      'jsonpath={.status.lastHandledForceAt}',
    ),
  ).not.toBe('');
});

test('a source’s page shows its artifact and commit; a Kustomization reconciles with its source', async ({
  page,
}) => {
  await page.goto('/objects/GitRepository/flux-system/flux-system');
  const facts = page.getByRole('definition');
  await expect(facts.filter({ hasText: /^main@sha1:[0-9a-f]{40}sha256:[0-9a-f]{64}/ })).toBeVisible();
  await expect(page.getByRole('term').filter({ hasText: /^Commit$/ })).toBeVisible();

  await page.goto('/objects/Kustomization/flux-system/apps');
  await page.getByRole('button', { name: 'Reconcile with source Kustomization flux-system/apps' }).click();
  await expect(page.locator('[data-action-scope="page"]').getByRole('status')).toHaveText(
    /^Reconciled: (Ready at main@sha1:[0-9a-f]{40}|Failed.*)$|^Reconcile failed/,
  );
  await expect(page.getByRole('table', { name: 'Actions on this object' })).toContainText('Reconcile');
  await page.goto('/audit');
  await expect(page.getByRole('table', { name: 'Audit log' })).toContainText(
    'GitRepository/flux-system/apps',
  );
});
