import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { E2E_TOKEN } from './playwright.config';
import { commitToDemo, kubectl, logIn } from './support';

const screenshots = join(import.meta.dirname, 'screenshots');
const PLANTED = 'planted-e2e-s3cr3t-71d';

test.describe.configure({ mode: 'serial' });

test.beforeEach(async ({ page }) => {
  await logIn(page, E2E_TOKEN);
});

/** The sandbox webhook sink the demo's Slack Provider posts to (its address is a credential). */
function sinkUrl(): string {
  const dir = process.env.TIDELINE_E2E_DIR ?? '';
  const state = JSON.parse(readFileSync(join(dir, 'sandbox', 'sandbox.json'), 'utf8')) as {
    webhookSinkUrl?: string;
  };
  return state.webhookSinkUrl ?? '';
}

test('a HelmRelease’s page shows its merged values with every Secret value masked, and its test hooks', async ({
  page,
}) => {
  await kubectl(
    'create',
    'secret',
    'generic',
    'podinfo-e2e-values',
    '-n',
    'podinfo',
    `--from-literal=values.yaml=ui:\n  message: ${PLANTED}\n`,
  );
  // Not kubectl's own field manager: kustomize-controller strips that one on its next apply.
  await kubectl(
    'patch',
    'helmrelease',
    'podinfo',
    '-n',
    'podinfo',
    '--type=merge',
    '--field-manager=e2e-values',
    '-p',
    '{"spec":{"valuesFrom":[{"kind":"Secret","name":"podinfo-e2e-values"}]}}',
  );
  try {
    await page.goto('/objects/HelmRelease/podinfo/podinfo');
    const helm = page.getByRole('region', { name: 'Helm release' });
    await expect(helm.getByText('Secret podinfo/podinfo-e2e-values[values.yaml]')).toBeVisible();
    await expect(helm.getByRole('table', { name: /^Test hooks of release v\d+$/ })).toBeVisible();
    await helm.getByRole('button', { name: 'Show merged values' }).click();
    const values = helm.getByLabel('Merged values');
    await expect(values).toContainText('message: "***"');
    await expect(values).toContainText('replicaCount: 2');
    await expect(values).toContainText('cpu: 100m');
    await values.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshots, 'helmrelease-values.png'), fullPage: true });
    expect(await page.content()).not.toContain(PLANTED);
  } finally {
    await kubectl(
      'patch',
      'helmrelease',
      'podinfo',
      '-n',
      'podinfo',
      '--type=merge',
      '--field-manager=e2e-values',
      '-p',
      '{"spec":{"valuesFrom":null}}',
    );
    await kubectl('delete', 'secret', 'podinfo-e2e-values', '-n', 'podinfo');
  }
});

test('a Receiver’s page lists its webhook calls, a Provider’s its deliveries, never its address', async ({
  page,
}) => {
  // A push to the demo repository calls the Receiver, as GitHub would.
  await commitToDemo(
    (read) => ({
      'infrastructure/base/podinfo/namespace.yaml': `${read('infrastructure/base/podinfo/namespace.yaml')}# e2e: a push calls the Receiver\n`,
    }),
    'e2e: touch the podinfo namespace',
  );
  await page.goto('/objects/Receiver/flux-system/flux-system');
  const calls = page
    .getByRole('region', { name: 'Webhook calls' })
    .getByRole('table', { name: 'Last webhook calls' });
  await expect(calls.getByRole('row').filter({ hasText: 'Accepted' }).first()).toContainText('200');
  await page.screenshot({ path: join(screenshots, 'receiver-calls.png'), fullPage: true });

  await page.goto('/objects/Provider/flux-system/slack');
  const deliveries = page
    .getByRole('region', { name: 'Deliveries' })
    .getByRole('table', { name: 'Last deliveries' });
  const delivered = deliveries.getByRole('row').filter({ hasText: 'Succeeded' }).first();
  await expect(delivered).toBeVisible({ timeout: 60_000 });
  await expect(
    delivered.getByRole('link', { name: 'Alert flux-system/deployment-alerts', exact: true }),
  ).toBeVisible();
  await expect(page.getByRole('table', { name: 'Dispatch errors' })).toBeAttached();
  await page.screenshot({ path: join(screenshots, 'provider-deliveries.png'), fullPage: true });
  const sink = sinkUrl();
  expect(sink).not.toBe('');
  expect(await page.content()).not.toContain(sink);
});
