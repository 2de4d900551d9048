import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { E2E_TOKEN } from './playwright.config';
import { commitToDemo, demoHead, kubectl, logIn, REVISION, row, SUSPENDED, tideline } from './support';

const screenshots = join(import.meta.dirname, 'screenshots');

test.describe.configure({ mode: 'serial' });

test.beforeEach(async ({ page }) => {
  await logIn(page, E2E_TOKEN);
});

test('flux-system and apps are Ready at the demo repository HEAD, live and in the graph', async ({
  page,
}) => {
  const head = await demoHead();
  for (const [kind, name] of [
    ['GitRepository', 'flux-system'],
    ['Kustomization', 'flux-system'],
    ['Kustomization', 'apps'],
  ] as const) {
    const r = row(page, kind, 'flux-system', name);
    await expect(r.getByRole('cell').nth(REVISION)).toHaveText(`main@sha1:${head}`);
    await expect(r).toContainText(kind === 'GitRepository' ? 'Succeeded' : 'ReconciliationSucceeded');
  }
  await page.screenshot({ path: join(screenshots, 'overview.png'), fullPage: true });

  await page.getByRole('link', { name: 'Graph' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Delivery graph' })).toBeVisible();
  await expect(
    page
      .getByText('Kustomization flux-system/flux-system → Kustomization flux-system/apps', { exact: true })
      .first(),
  ).toBeVisible();
  await expect(
    page.locator('svg[id^="mermaid"], svg[aria-roledescription="flowchart-v2"]').first(),
  ).toBeVisible();
  await page.screenshot({ path: join(screenshots, 'graph.png'), fullPage: true });
});

test('the infrastructure HelmRelease installs podinfo: Ready in the overview, the graph and tideline get', async ({
  page,
}) => {
  const release = row(page, 'HelmRelease', 'podinfo', 'podinfo');
  await expect(release.getByRole('cell').nth(REVISION)).toHaveText('6.2.2');
  // actions-events.spec.ts forces an upgrade of this release before this file runs.
  await expect(release).toContainText(/InstallSucceeded|UpgradeSucceeded/);
  const cli = await tideline('get', 'helmreleases', '-n', 'podinfo');
  expect(cli).toMatch(
    /podinfo\s+6\.2\.2\s+False\s+True\s+Helm (install|upgrade) succeeded for release podinfo\/podinfo\.v\d+ with chart podinfo@6\.2\.2/,
  );
  await page.getByRole('link', { name: 'Graph' }).click();
  await expect(
    page
      .getByText('Kustomization flux-system/infrastructure → HelmRelease podinfo/podinfo', { exact: true })
      .first(),
  ).toBeVisible();
  await expect(
    page
      .getByText('HelmChart flux-system/podinfo-podinfo → HelmRelease podinfo/podinfo', { exact: true })
      .first(),
  ).toBeVisible();
});

test('Suspend and Resume patch the cluster and show without a reload', async ({ page }) => {
  const apps = row(page, 'Kustomization', 'flux-system', 'apps');
  await apps.getByRole('button', { name: 'Suspend Kustomization flux-system/apps', exact: true }).click();
  await page
    .getByRole('dialog', { name: 'Suspend Kustomization flux-system/apps?' })
    .getByRole('button', { name: 'Suspend', exact: true })
    .click();
  await expect(apps.getByRole('status')).toHaveText('Suspended');
  await expect(apps.getByRole('cell').nth(SUSPENDED)).toHaveText('Yes');
  expect(
    await kubectl('get', 'kustomization', 'apps', '-n', 'flux-system', '-o', 'jsonpath={.spec.suspend}'),
  ).toBe('true');

  await apps.getByRole('button', { name: 'Resume Kustomization flux-system/apps', exact: true }).click();
  await expect(apps.getByRole('cell').nth(SUSPENDED)).toHaveText('No');
  expect(
    await kubectl('get', 'kustomization', 'apps', '-n', 'flux-system', '-o', 'jsonpath={.spec.suspend}'),
  ).toBe('false');
});

test('a commit changing replicas 3→4, then Reconcile, scales the Deployment and shows the new revision', async ({
  page,
}) => {
  expect(
    await kubectl('get', 'deployment', 'my-app', '-n', 'production', '-o', 'jsonpath={.spec.replicas}'),
  ).toBe('3');
  const sha = await commitToDemo(
    (read) => ({
      'apps/production/kustomization.yaml': read('apps/production/kustomization.yaml').replace(
        'value: 3',
        'value: 4',
      ),
    }),
    'Scale my-app to 4 replicas',
  );
  const source = row(page, 'GitRepository', 'flux-system', 'apps');
  await source.getByRole('button', { name: 'Reconcile GitRepository flux-system/apps', exact: true }).click();
  await expect(source.getByRole('cell').nth(REVISION)).toHaveText(`main@sha1:${sha}`);
  const apps = row(page, 'Kustomization', 'flux-system', 'apps');
  await expect(apps.getByRole('cell').nth(REVISION)).toHaveText(`main@sha1:${sha}`);
  await expect
    .poll(() => kubectl('get', 'deployment', 'my-app', '-n', 'production', '-o', 'jsonpath={.spec.replicas}'))
    .toBe('4');
  await expect
    .poll(() =>
      kubectl(
        'get',
        'deployment',
        'my-app',
        '-n',
        'production',
        '-o',
        'jsonpath={.status.availableReplicas}',
      ),
    )
    .toBe('4');
});

test('bad input shows Ready=False with Flux reasons in the UI and in tideline get; applied objects stay', async ({
  page,
}) => {
  const manifest = JSON.stringify({
    apiVersion: 'v1',
    kind: 'List',
    items: [
      {
        apiVersion: 'source.toolkit.fluxcd.io/v1',
        kind: 'GitRepository',
        metadata: { name: 'unreachable', namespace: 'flux-system' },
        spec: {
          url: 'http://127.0.0.1:9/nowhere.git',
          interval: '1m',
          timeout: '5s',
          ref: { branch: 'main' },
        },
      },
      {
        apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
        kind: 'Kustomization',
        metadata: { name: 'wrong-path', namespace: 'flux-system' },
        spec: {
          interval: '10m',
          prune: true,
          path: './no/such/dir',
          sourceRef: { kind: 'GitRepository', name: 'flux-system' },
        },
      },
    ],
  });
  const file = join(mkdtempSync(join(tmpdir(), 'e2e-bad-')), 'bad.json');
  writeFileSync(file, manifest);
  await kubectl('apply', '-f', file);

  await expect(row(page, 'GitRepository', 'flux-system', 'unreachable')).toContainText('GitOperationFailed');
  await expect(row(page, 'Kustomization', 'flux-system', 'wrong-path')).toContainText('ArtifactFailed');

  const broken = await commitToDemo(
    (read) => ({
      'apps/production/kustomization.yaml': `${read('apps/production/kustomization.yaml')}resources: [oops\n`,
    }),
    'Break the production overlay',
  );
  await row(page, 'GitRepository', 'flux-system', 'apps')
    .getByRole('button', { name: 'Reconcile GitRepository flux-system/apps', exact: true })
    .click();
  const apps = row(page, 'Kustomization', 'flux-system', 'apps');
  await expect(apps).toContainText('BuildFailed');

  const get = await tideline('get', 'all', '-n', 'flux-system');
  expect(get).toMatch(/gitrepository\/unreachable\s*\t.*False\s*\tfailed to checkout and determine revision/);
  expect(get).toMatch(/kustomization\/wrong-path\s*\t.*False\s*\tkustomization path not found/);
  // BuildFailed, with a message naming the broken file and line.
  expect(get).toMatch(/kustomization\/apps\s*\t.*False\s*\tkustomization\.yaml: .*line \d+/);
  expect(
    await kubectl(
      'get',
      'kustomization',
      'apps',
      '-n',
      'flux-system',
      '-o',
      'jsonpath={.status.lastAttemptedRevision}',
    ),
  ).toBe(`main@sha1:${broken}`);
  expect(
    await kubectl('get', 'deployment', 'my-app', '-n', 'production', '-o', 'jsonpath={.spec.replicas}'),
  ).toBe('4');

  await page.getByRole('link', { name: 'Kustomization flux-system/apps', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('flux-system/apps');
  await expect(page.getByRole('table', { name: 'Conditions' })).toContainText('BuildFailed');
  await expect(page.getByRole('table', { name: 'Recent events' })).toContainText('BuildFailed');
  await expect(page.getByRole('table', { name: 'Inventory' })).toContainText('my-app');
});
