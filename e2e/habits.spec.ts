import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { E2E_TOKEN } from './playwright.config';
import { expectNoSeriousA11yViolations, logIn, row } from './support';

const screenshots = join(import.meta.dirname, 'screenshots');

test.describe.configure({ mode: 'serial' });

test.beforeEach(async ({ page }) => {
  await logIn(page, E2E_TOKEN);
});

test('search, status filter and sort live in the URL; back and forward restore them', async ({ page }) => {
  await expect(row(page, 'Kustomization', 'flux-system', 'apps')).toBeVisible();
  await page.getByRole('button', { name: /^Ready \d+$/ }).click();
  await expect(page).toHaveURL(/\?status=ready$/);
  await expect(page.getByRole('button', { name: /^Ready \d+$/ })).toHaveAttribute('aria-pressed', 'true');
  // The demo's flux-system objects are Ready (other specs may have broken `apps` on purpose).
  await page.getByRole('searchbox', { name: 'Search names' }).fill('flux-system/flux');
  await expect(page).toHaveURL(/q=flux-system%2Fflux/);
  await expect(row(page, 'Kustomization', 'flux-system', 'flux-system')).toBeVisible();
  await expect(row(page, 'GitRepository', 'flux-system', 'flux-system')).toBeVisible();
  await expect(row(page, 'Kustomization', 'flux-system', 'apps')).toHaveCount(0);
  await page.getByRole('button', { name: 'Last transition' }).click();
  await expect(page).toHaveURL(/sort=updated/);
  await expect(page.getByRole('columnheader', { name: 'Last transition' })).toHaveAttribute(
    'aria-sort',
    'ascending',
  );

  await page.goBack();
  await expect(page).not.toHaveURL(/sort=updated/);
  await expect(page.getByRole('searchbox', { name: 'Search names' })).toHaveValue('flux-system/flux');
  await page.goBack();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('button', { name: /^Ready \d+$/ })).toHaveAttribute('aria-pressed', 'false');
  await expect(row(page, 'Kustomization', 'flux-system', 'apps')).toBeVisible();
  await page.goForward();
  await expect(page).toHaveURL(/status=ready/);
  await expect(page.getByRole('searchbox', { name: 'Search names' })).toHaveValue('flux-system/flux');

  // A deep link opens the same view.
  await page.goto('/?status=failing&kind=Kustomization');
  await expect(page.getByRole('button', { name: /^Failing \d+$/ })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('combobox', { name: 'Kind' })).toHaveValue('Kustomization');
});

test('the keyboard map moves, navigates and opens help, and never takes keys from a text field', async ({
  page,
}) => {
  await expect(row(page, 'Kustomization', 'flux-system', 'apps')).toBeVisible();
  await page.keyboard.press('/');
  const search = page.getByRole('searchbox', { name: 'Search names' });
  await expect(search).toBeFocused();
  await page.keyboard.type('g e j');
  await expect(search).toHaveValue('g e j');
  await expect(page).toHaveURL(/\/\?q=g/);
  await search.fill('');
  await search.blur();

  await page.keyboard.press('j');
  const first = page.getByRole('row').nth(1);
  await expect(first).toBeFocused();
  await page.keyboard.press('j');
  await expect(page.getByRole('row').nth(2)).toBeFocused();
  await page.keyboard.press('k');
  await expect(first).toBeFocused();
  // `s` and `r` press the focused row's own buttons: suspend asks first, reconcile runs.
  await page.keyboard.press('s');
  await expect(page.getByRole('dialog', { name: /^Suspend .+\?$/ })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
  const repo = row(page, 'GitRepository', 'flux-system', 'apps');
  await repo.click({ position: { x: 60, y: 20 } });
  await page.keyboard.press('r');
  await expect(repo.getByRole('status')).toHaveText(/Reconcile|Reconciled/);

  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help.getByRole('cell', { name: 'g e' })).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'the keyboard help');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();

  await page.keyboard.press('g');
  await page.keyboard.press('e');
  await expect(page.getByRole('heading', { level: 1, name: 'Events' })).toBeVisible();
  await page.keyboard.press('g');
  await page.keyboard.press('g');
  await expect(page.getByRole('heading', { level: 1, name: 'Delivery graph' })).toBeVisible();
  await page.keyboard.press('g');
  await page.keyboard.press('o');
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
});

test('dark mode follows the OS by default and the toggle persists across reloads', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.reload();
  const background = (): Promise<string> =>
    page.evaluate<string>('getComputedStyle(document.body).backgroundColor');
  await expect(page.getByRole('combobox', { name: 'Theme' })).toHaveValue('system');
  const darkBySystem = await background();
  await page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(background).not.toBe(darkBySystem);

  await page.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
  await expect.poll(background).toBe(darkBySystem);
  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Theme' })).toHaveValue('dark');
  expect(await background()).toBe(darkBySystem);
  await expect(row(page, 'Kustomization', 'flux-system', 'apps')).toBeVisible();
  await page.screenshot({ path: join(screenshots, 'overview-dark.png'), fullPage: true });
  await expectNoSeriousA11yViolations(page, 'the overview in dark mode');
  await page.getByRole('combobox', { name: 'Theme' }).selectOption('system');
});

test('axe finds no serious or critical violations on any page', async ({ page }) => {
  await expect(row(page, 'Kustomization', 'flux-system', 'apps')).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'the overview');
  for (const [path, heading] of [
    ['/graph', 'Delivery graph'],
    ['/events', 'Events'],
    ['/audit', 'Audit log'],
    ['/tokens', 'API tokens'],
    ['/objects/Kustomization/flux-system/apps', 'flux-system/apps'],
    ['/objects/GitRepository/flux-system/flux-system', 'flux-system/flux-system'],
  ] as const) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(heading);
    await expect(page.getByRole('status', { name: 'Live connection' })).toHaveAttribute(
      'data-status',
      'live',
    );
    await expectNoSeriousA11yViolations(page, path);
  }
  await page.context().clearCookies();
  await page.goto('/login');
  await expectNoSeriousA11yViolations(page, '/login');
});

test('at 1024 px wide every page fits without sideways scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  for (const path of ['/', '/events', '/audit', '/tokens', '/objects/Kustomization/flux-system/apps']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
  await page.goto('/');
  await expect(row(page, 'Kustomization', 'flux-system', 'apps')).toBeVisible();
  await page.screenshot({ path: join(screenshots, 'overview-1024.png') });
});
