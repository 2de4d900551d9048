import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { E2E_TOKEN } from './playwright.config';
import { kubectl, logIn } from './support';

const screenshots = join(import.meta.dirname, 'screenshots');

test.describe.configure({ mode: 'serial' });

test.beforeEach(async ({ page }) => {
  await logIn(page, E2E_TOKEN);
});

/** The drawn graph (its role and name say what it is). */
const drawing = (page: Page): Locator => page.getByRole('img', { name: /^Delivery graph/ });
/** The node list beside the drawing: the graph's accessible equivalent. */
const nodeList = (page: Page): Locator =>
  page.getByRole('region', { name: 'Objects in the graph' }).getByRole('list').first();
/** Attributes the drawing carries per node, read from the element the role locator found. */
const drawnAttribute = (page: Page, attribute: string): Promise<string[]> =>
  drawing(page).evaluate(
    (el, name) => [...el.querySelectorAll(`g.node[${name}]`)].map((g) => g.getAttribute(name) ?? ''),
    attribute,
  );
const layouts = async (page: Page): Promise<number> =>
  Number(await page.getByRole('figure', { name: /Delivery graph/ }).getAttribute('data-layouts'));

async function applyJson(items: object[]): Promise<void> {
  const file = join(mkdtempSync(join(tmpdir(), 'e2e-graph-')), 'objects.json');
  writeFileSync(file, JSON.stringify({ apiVersion: 'v1', kind: 'List', items }));
  await kubectl('apply', '-f', file);
}

test('a Kustomization waiting on a broken source: the root-cause path is drawn and explained', async ({
  page,
}) => {
  await applyJson([
    {
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'GitRepository',
      metadata: { name: 'graph-broken', namespace: 'flux-system' },
      spec: { url: 'http://127.0.0.1:9/nowhere.git', interval: '1m', timeout: '5s', ref: { branch: 'main' } },
    },
    {
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      metadata: { name: 'graph-broken-app', namespace: 'flux-system' },
      spec: {
        interval: '10m',
        prune: true,
        path: './',
        sourceRef: { kind: 'GitRepository', name: 'graph-broken' },
      },
    },
    {
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      metadata: { name: 'graph-dependent', namespace: 'flux-system' },
      spec: {
        interval: '10m',
        prune: true,
        path: './nothing-here',
        sourceRef: { kind: 'GitRepository', name: 'flux-system' },
        dependsOn: [{ name: 'graph-broken-app' }],
      },
    },
  ]);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Graph', exact: true })
    .click();
  const dependent = nodeList(page)
    .getByRole('listitem')
    .filter({
      has: page.getByRole('link', { name: 'Kustomization flux-system/graph-dependent', exact: true }),
    });
  await expect(dependent.getByText('Failed', { exact: true })).toBeVisible();
  await dependent
    .getByRole('button', { name: 'Focus the graph on Kustomization flux-system/graph-dependent' })
    .click();
  await expect(page).toHaveURL(/focus=Kustomization\/flux-system\/graph-dependent/);
  await expect(page).toHaveURL(/explain=Kustomization\/flux-system\/graph-dependent/);

  const why = page.getByRole('region', { name: /Why it is not Ready/ });
  await expect(why).toContainText(
    'Not Ready because GitRepository flux-system/graph-broken: failed to checkout and determine revision',
  );
  const chain = why.getByRole('list', { name: 'Root-cause chain' }).getByRole('listitem');
  await expect(chain).toHaveCount(3);
  await expect(chain.nth(1)).toContainText('a dependency');
  await expect(chain.nth(1)).toContainText('ArtifactFailed');
  await expect(chain.nth(2)).toContainText('its source');
  await expect(chain.nth(2)).toContainText('GitOperationFailed');
  // The same path on the drawing: the three objects marked, the failing source as the cause.
  await expect
    .poll(() => drawnAttribute(page, 'data-path').then((p) => p.sort()))
    .toEqual(['cause', 'link', 'target']);
  expect(
    await drawing(page).evaluate((el) => el.querySelectorAll('path.tl-path-edge').length),
  ).toBeGreaterThanOrEqual(2);
  await page.screenshot({ path: join(screenshots, 'graph-root-cause.png'), fullPage: true });

  // The same explanation on the object's page, with a way back to the drawn path.
  await why.getByRole('link', { name: 'Kustomization flux-system/graph-dependent', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('flux-system/graph-dependent');
  await expect(page.getByRole('region', { name: /Why it is not Ready/ })).toContainText(
    'Not Ready because GitRepository flux-system/graph-broken: failed to checkout and determine revision',
  );
  await page.screenshot({ path: join(screenshots, 'detail-root-cause.png'), fullPage: true });
  await page.getByRole('link', { name: 'Show this path on the graph' }).click();
  await expect(page).toHaveURL(/\/graph\?focus=Kustomization\/flux-system\/graph-dependent&explain=/);
  await expect(page.getByRole('region', { name: /Why it is not Ready/ })).toBeVisible();

  await kubectl('delete', 'kustomization', 'graph-dependent', 'graph-broken-app', '-n', 'flux-system');
  await kubectl('delete', 'gitrepository', 'graph-broken', '-n', 'flux-system');
});

test('focus and hops in the URL narrow the graph, and the back button restores them', async ({ page }) => {
  await page.goto('/graph?focus=Kustomization/flux-system/apps&hops=1');
  const list = nodeList(page);
  await expect(list.getByRole('link', { name: 'Kustomization flux-system/apps', exact: true })).toBeVisible();
  await expect(list.getByRole('link', { name: 'GitRepository flux-system/apps', exact: true })).toBeVisible();
  // Two hops up (Receiver → GitRepository → Kustomization): outside a focus of one hop.
  await expect(list.getByRole('link', { name: 'Receiver flux-system/flux-system', exact: true })).toHaveCount(
    0,
  );
  await expect(
    page.getByRole('region', { name: /Focused on Kustomization flux-system\/apps/ }),
  ).toBeVisible();
  await page.screenshot({ path: join(screenshots, 'graph-focus.png'), fullPage: true });

  await page.getByRole('button', { name: 'Show the whole graph' }).click();
  await expect(
    list.getByRole('link', { name: 'Receiver flux-system/flux-system', exact: true }),
  ).toBeVisible();
  await expect(page).not.toHaveURL(/focus=/);

  await page.goBack();
  await expect(page).toHaveURL(/focus=Kustomization\/flux-system\/apps&hops=1/);
  await expect(list.getByRole('link', { name: 'Receiver flux-system/flux-system', exact: true })).toHaveCount(
    0,
  );
});

test('a status change restyles its node in place, without a new layout', async ({ page }) => {
  await page.goto('/graph');
  const source = nodeList(page)
    .getByRole('listitem')
    .filter({
      has: page.getByRole('link', { name: 'GitRepository flux-system/flux-system', exact: true }),
    });
  await expect(source.getByText('Ready', { exact: true })).toBeVisible();
  await expect.poll(() => drawnAttribute(page, 'data-state').then((s) => s.length)).toBeGreaterThan(0);
  const before = await layouts(page);
  expect(before).toBeGreaterThanOrEqual(1);

  await kubectl(
    'patch',
    'gitrepository',
    'flux-system',
    '-n',
    'flux-system',
    '--type=merge',
    '-p',
    '{"spec":{"suspend":true}}',
  );
  await expect(source.getByText('Suspended', { exact: true })).toBeVisible();
  await expect.poll(() => drawnAttribute(page, 'data-state')).toContain('suspended');
  expect(await layouts(page)).toBe(before);
  await page.screenshot({ path: join(screenshots, 'graph-status-change.png'), fullPage: true });

  await kubectl(
    'patch',
    'gitrepository',
    'flux-system',
    '-n',
    'flux-system',
    '--type=merge',
    '-p',
    '{"spec":{"suspend":false}}',
  );
  await expect(source.getByText('Ready', { exact: true })).toBeVisible();
  expect(await layouts(page)).toBe(before);
});
