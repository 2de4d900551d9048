import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { E2E_TOKEN } from './playwright.config';
import { commitToDemo, expectNoSeriousA11yViolations, kubectl, logIn, REVISION, row } from './support';

// Desired vs live on the demo's apps Kustomization: drift from a live edit, then a commit that is
// not applied yet (the Kustomization is suspended), then everything put back as it was (this file
// sorts before dashboard.spec.ts, which starts from 3 replicas at the demo's HEAD).

const screenshots = join(import.meta.dirname, 'screenshots');
const replicas = (): Promise<string> =>
  kubectl('get', 'deployment', 'my-app', '-n', 'production', '-o', 'jsonpath={.spec.replicas}');
test('the diff shows drift, then the next revision before it is applied', async ({ page }) => {
  await logIn(page, E2E_TOKEN);
  await expect(row(page, 'Kustomization', 'flux-system', 'apps')).toContainText('ReconciliationSucceeded', {
    timeout: 60_000,
  });
  expect(await replicas()).toBe('3');
  // Suspended from the dashboard (field manager tideline, which an apply of the parent leaves
  // alone, as it leaves `flux suspend`'s), so the next commit waits.
  await page.goto('/objects/Kustomization/flux-system/apps');
  await page.getByRole('button', { name: 'Suspend Kustomization flux-system/apps', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Suspend Kustomization flux-system/apps?' });
  await dialog.getByRole('textbox', { name: /Reason/ }).fill('Hold while the diff is checked');
  await dialog.getByRole('button', { name: 'Suspend', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect
    .poll(() =>
      kubectl('get', 'kustomization', 'apps', '-n', 'flux-system', '-o', 'jsonpath={.spec.suspend}'),
    )
    .toBe('true');
  await kubectl('scale', 'deployment', 'my-app', '-n', 'production', '--replicas=2');

  const diff = page.getByRole('region', { name: 'Desired vs live' });
  await diff.getByRole('button', { name: 'Compare with the cluster' }).click();
  await expect(diff.getByRole('status')).toContainText('Drift from the last apply (main@sha1:');
  await expect(diff.getByRole('status')).toContainText('1 to change');
  const deployment = diff.getByText('Deployment/production/my-app', { exact: true });
  await deployment.click();
  const changes = diff.getByRole('table', { name: 'Changes to Deployment/production/my-app' });
  await expect(changes.getByRole('row', { name: 'spec.replicas 2 3' })).toBeVisible();

  const sha = await commitToDemo(
    (read) => ({
      'apps/production/kustomization.yaml': read('apps/production/kustomization.yaml').replace(
        'value: 3',
        'value: 5',
      ),
    }),
    'Scale my-app to 5 replicas',
  );
  await page.goto('/');
  const source = row(page, 'GitRepository', 'flux-system', 'apps');
  await source.getByRole('button', { name: 'Reconcile GitRepository flux-system/apps', exact: true }).click();
  await expect(source.getByRole('cell').nth(REVISION)).toHaveText(`main@sha1:${sha}`);

  await page.goto('/objects/Kustomization/flux-system/apps');
  await diff.getByRole('button', { name: 'Compare with the cluster' }).click();
  await expect(diff.getByRole('status')).toContainText(
    `Next apply, main@sha1:${sha} (last applied main@sha1:`,
  );
  await deployment.click();
  await expect(changes.getByRole('row', { name: 'spec.replicas 2 5' })).toBeVisible();
  expect(await replicas()).toBe('2');
  await page.screenshot({ path: join(screenshots, 'desired-vs-live.png'), fullPage: true });
  await expectNoSeriousA11yViolations(page, 'the Kustomization page with its diff');

  // Put everything back: the old replicas at a new HEAD, applied.
  const restored = await commitToDemo(
    (read) => ({
      'apps/production/kustomization.yaml': read('apps/production/kustomization.yaml').replace(
        'value: 5',
        'value: 3',
      ),
    }),
    'Scale my-app back to 3 replicas',
  );
  await page.getByRole('button', { name: 'Resume Kustomization flux-system/apps', exact: true }).click();
  await expect(page.getByText('Resumed', { exact: true })).toBeVisible();
  await page.goto('/');
  await source.getByRole('button', { name: 'Reconcile GitRepository flux-system/apps', exact: true }).click();
  await expect(row(page, 'Kustomization', 'flux-system', 'apps').getByRole('cell').nth(REVISION)).toHaveText(
    `main@sha1:${restored}`,
  );
  await expect.poll(replicas).toBe('3');
});
