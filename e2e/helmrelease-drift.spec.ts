import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { E2E_TOKEN } from './playwright.config';
import { commitToDemo, expectNoSeriousA11yViolations, kubectl, logIn, row } from './support';

// The drift badge end to end on the demo's podinfo HelmRelease: drift detection turned to `warn`
// in Git, the Deployment scaled by hand, a reconcile, then the badge on the page and the
// overview and the field in the desired-vs-live diff. Everything is put back at the end.

const screenshots = join(import.meta.dirname, 'screenshots');
const HR_FILE = 'infrastructure/base/podinfo/helmrelease.yaml';
const WARN = '  interval: 30m\n  driftDetection:\n    mode: warn\n';
const hrField = (path: string): Promise<string> =>
  kubectl('get', 'helmrelease', 'podinfo', '-n', 'podinfo', '-o', `jsonpath={${path}}`);
const drifted = (): Promise<string> => hrField('.status.conditions[?(@.type=="Drifted")].reason');

async function pushAndSync(
  page: import('@playwright/test').Page,
  edit: (text: string) => string,
  why: string,
): Promise<void> {
  await commitToDemo((read) => ({ [HR_FILE]: edit(read(HR_FILE)) }), why);
  await page.goto('/');
  await row(page, 'GitRepository', 'flux-system', 'flux-system')
    .getByRole('button', { name: 'Reconcile GitRepository flux-system/flux-system', exact: true })
    .click();
}

test('a hand edit of a HelmRelease object shows the Drift badge and the field in the diff', async ({
  page,
}) => {
  await logIn(page, E2E_TOKEN);
  await expect(row(page, 'HelmRelease', 'podinfo', 'podinfo')).toContainText(
    /InstallSucceeded|UpgradeSucceeded/,
    {
      timeout: 180_000,
    },
  );
  await pushAndSync(page, (text) => text.replace('  interval: 30m\n', WARN), 'podinfo: warn about drift');
  await expect.poll(() => hrField('.spec.driftDetection.mode'), { timeout: 120_000 }).toBe('warn');
  await expect.poll(drifted, { timeout: 120_000 }).toBe('NoDriftDetected');

  await kubectl('scale', 'deployment', 'podinfo', '-n', 'podinfo', '--replicas=3');
  await page.goto('/objects/HelmRelease/podinfo/podinfo');
  const reconcile = page.getByRole('button', { name: 'Reconcile HelmRelease podinfo/podinfo', exact: true });
  await reconcile.click();
  const badge = page.getByRole('img', { name: 'Drifted (helm-controller)' });
  await expect(badge).toBeVisible({ timeout: 120_000 });

  const diff = page.getByRole('region', { name: 'Desired vs live' });
  await diff.getByRole('button', { name: 'Compare with the cluster' }).click();
  await expect(diff.getByRole('status')).toContainText('Drift from release podinfo/podinfo.v');
  await expect(diff.getByRole('status')).toContainText('1 to change');
  const cluster = diff.getByRole('region', { name: 'Against the cluster' });
  await cluster.getByText('Deployment/podinfo/podinfo', { exact: true }).click();
  const changes = cluster.getByRole('table', { name: 'Changes to Deployment/podinfo/podinfo' });
  await expect(changes.getByRole('row', { name: 'spec.replicas 3 2' })).toBeVisible();
  await expect(diff.getByRole('region', { name: 'Against the stored release' })).toContainText(
    'Nothing changes.',
  );
  await page.screenshot({ path: join(screenshots, 'helmrelease-drift.png'), fullPage: true });
  await expectNoSeriousA11yViolations(page, 'the HelmRelease page with its drift diff');

  await page.goto('/');
  await expect(
    row(page, 'HelmRelease', 'podinfo', 'podinfo').getByRole('img', { name: 'Drifted (helm-controller)' }),
  ).toBeVisible();

  // Put everything back: the replicas as the chart renders them, then detection off in Git. The
  // field is set to `disabled` (its default) rather than deleted: Kubernetes 1.20's server-side
  // apply rejects dropping it ("spec.driftDetection in body must be of type object: \"null\"").
  await kubectl('scale', 'deployment', 'podinfo', '-n', 'podinfo', '--replicas=2');
  await page.goto('/objects/HelmRelease/podinfo/podinfo');
  await reconcile.click();
  await expect(badge).toBeHidden({ timeout: 120_000 });
  await pushAndSync(
    page,
    (text) => text.replace('mode: warn', 'mode: disabled'),
    'podinfo: drift detection off',
  );
  await expect.poll(() => hrField('.spec.driftDetection.mode'), { timeout: 120_000 }).toBe('disabled');
});

test('a values change in Git shows as the next upgrade while the HelmRelease is suspended', async ({
  page,
}) => {
  await logIn(page, E2E_TOKEN);
  await page.goto('/objects/HelmRelease/podinfo/podinfo');
  await page.getByRole('button', { name: 'Suspend HelmRelease podinfo/podinfo', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Suspend HelmRelease podinfo/podinfo?' });
  await dialog.getByRole('textbox', { name: /Reason/ }).fill('Hold while the upgrade is checked');
  await dialog.getByRole('button', { name: 'Suspend', exact: true }).click();
  await expect.poll(() => hrField('.spec.suspend')).toBe('true');
  await pushAndSync(
    page,
    (text) => text.replace('replicaCount: 2', 'replicaCount: 4'),
    'podinfo: 4 replicas',
  );
  await expect.poll(() => hrField('.spec.values.replicaCount'), { timeout: 120_000 }).toBe('4');

  await page.goto('/objects/HelmRelease/podinfo/podinfo');
  const diff = page.getByRole('region', { name: 'Desired vs live' });
  await diff.getByRole('button', { name: 'Compare with the cluster' }).click();
  await expect(diff.getByRole('status')).toContainText(
    /^Next upgrade, podinfo@6\.2\.2 \(last applied podinfo\/podinfo\.v\d+, podinfo@6\.2\.2; values changed\): 1 to change/,
  );
  const release = diff.getByRole('region', { name: 'Against the stored release' });
  await release.getByText('Deployment/podinfo/podinfo', { exact: true }).click();
  await expect(
    release
      .getByRole('table', { name: 'Upgrade changes to Deployment/podinfo/podinfo' })
      .getByRole('row', { name: 'spec.replicas 2 4' }),
  ).toBeVisible();
  expect(
    await kubectl('get', 'deployment', 'podinfo', '-n', 'podinfo', '-o', 'jsonpath={.spec.replicas}'),
  ).toBe('2');
  await page.screenshot({ path: join(screenshots, 'helmrelease-upgrade-diff.png'), fullPage: true });

  // Put everything back: the old value in Git, then resumed (nothing left to upgrade).
  await pushAndSync(
    page,
    (text) => text.replace('replicaCount: 4', 'replicaCount: 2'),
    'podinfo: 2 replicas',
  );
  await expect.poll(() => hrField('.spec.values.replicaCount'), { timeout: 120_000 }).toBe('2');
  await page.goto('/objects/HelmRelease/podinfo/podinfo');
  await page.getByRole('button', { name: 'Resume HelmRelease podinfo/podinfo', exact: true }).click();
  await expect(page.getByText('Resumed', { exact: true })).toBeVisible();
  await expect.poll(() => hrField('.spec.suspend')).not.toBe('true');
});
