import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { E2E_TOKEN } from './playwright.config';
import {
  demoHead,
  demoRepoUrl,
  expectNoSeriousA11yViolations,
  kubectl,
  logIn,
  REVISION,
  row,
} from './support';

// The guide's "Automated Image Updates" on the demo: a tag pushed to the sandbox registry, the
// scan, the policy, the automation's commit, the new revision and the new image on the
// Deployment, followed in the dashboard. This file sorts before dashboard.spec.ts, whose last
// test leaves the production overlay broken.

const run = promisify(execFile);
const screenshots = join(import.meta.dirname, 'screenshots');
const sandboxDir = join(process.env.TIDELINE_E2E_DIR ?? '', 'sandbox');

/** The image the production Deployment runs. */
function deployedImage(): Promise<string> {
  return kubectl(
    'get',
    'deployment',
    'my-app',
    '-n',
    'production',
    '-o',
    'jsonpath={.spec.template.spec.containers[0].image}',
  );
}

test('a tag pushed to the registry reaches the Deployment through a commit, live in the dashboard', async ({
  page,
}) => {
  await logIn(page, E2E_TOKEN);
  const image = (await deployedImage()).replace(/:v1\.0\.0$/, '');
  expect(image).toMatch(/^127\.0\.0\.1:\d+\/my-app$/);

  const repository = row(page, 'ImageRepository', 'flux-system', 'my-app');
  const policy = row(page, 'ImagePolicy', 'flux-system', 'my-app');
  const automation = row(page, 'ImageUpdateAutomation', 'flux-system', 'my-app');
  await expect(repository).toContainText('Succeeded', { timeout: 60_000 });
  // 2.0.0 is on the registry too, outside the policy's 1.x.
  await expect(policy.getByRole('cell').nth(REVISION)).toHaveText(`${image}:v1.0.0`);
  await expect(automation).toContainText('Succeeded');
  const before = await demoHead();

  // What CI would do: publish a new version.
  const { stdout } = await run(process.execPath, [
    join(import.meta.dirname, '..', 'apps/server/bin/tideline.js'),
    'sandbox',
    'push-image',
    'my-app:v1.0.1',
    '--dir',
    sandboxDir,
  ]);
  expect(stdout).toMatch(new RegExp(`^${image.replace(/\./g, '\\.')}:v1\\.0\\.1@sha256:`));
  // Scan now rather than at the next minute, as a registry webhook would ask.
  await repository
    .getByRole('button', { name: 'Reconcile ImageRepository flux-system/my-app', exact: true })
    .click();

  await expect(policy.getByRole('cell').nth(REVISION)).toHaveText(`${image}:v1.0.1`);
  await expect.poll(demoHead).not.toBe(before);
  const pushed = await demoHead();
  await expect(automation.getByRole('cell').nth(REVISION)).toHaveText(pushed);
  for (const [kind, name] of [
    ['GitRepository', 'apps'],
    ['Kustomization', 'apps'],
  ] as const) {
    await expect(row(page, kind, 'flux-system', name).getByRole('cell').nth(REVISION)).toHaveText(
      `main@sha1:${pushed}`,
    );
  }
  await expect.poll(deployedImage).toBe(`${image}:v1.0.1`);
  await page.screenshot({ path: join(screenshots, 'image-automation.png'), fullPage: true });

  const { stdout: log } = await run('git', ['log', '-1', '--format=%an <%ae>%n%s', pushed], {
    cwd: await cloneDemo(),
  });
  // The guide's template prints each change's new value: the whole image, as the marker sets it.
  expect(log).toBe(`fluxcdbot <flux@myorg.com>\nchore: update my-app to ${image}:v1.0.1\n`);

  // Live updates still re-render the rows here; a press and release on two renders is no click.
  await expect(async () => {
    await page.getByRole('link', { name: 'ImageUpdateAutomation flux-system/my-app', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('flux-system/my-app', {
      timeout: 5_000,
    });
  }).toPass({ timeout: 60_000 });
  await expect(page.getByRole('table', { name: 'Recent events' })).toContainText(
    `pushed commit '${pushed.slice(0, 7)}' to branch 'main'`,
  );

  // The same loop as one story on the automation's page, down to the Pods running the tag.
  const story = page.getByRole('region', { name: 'Image story of flux-system/my-app' });
  await expect(story).toContainText(
    `Selected by ImagePolicy flux-system/my-app: ${image}:v1.0.1 (was ${image}:v1.0.0)`,
  );
  await expect(story).toContainText(
    `Pushed by ImageUpdateAutomation flux-system/my-app: commit ${pushed.slice(0, 7)}`,
  );
  await expect(story.getByText(`chore: update my-app to ${image}:v1.0.1`)).toBeVisible();
  await expect(story).toContainText(
    `Source by GitRepository flux-system/apps: at main@sha1:${pushed}, the pushed commit`,
  );
  await expect(story).toContainText(`Applied by Kustomization flux-system/apps: applied main@sha1:${pushed}`);
  const replicas = Number(
    await kubectl('get', 'deployment', 'my-app', '-n', 'production', '-o', 'jsonpath={.spec.replicas}'),
  );
  const running = `Running: ${replicas} Pod${replicas === 1 ? '' : 's'} (${replicas} ready): production/my-app-`;
  await expect(async () => {
    await page.getByRole('button', { name: 'Look for Pods again' }).click();
    await expect(story).toContainText(running, { timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  await story.getByRole('link', { name: 'ImagePolicy flux-system/my-app', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('ImagePolicy');
  await expect(page.getByRole('region', { name: 'Image story of flux-system/my-app' })).toContainText(
    `commit ${pushed.slice(0, 7)}`,
  );
  await page.screenshot({ path: join(screenshots, 'image-story.png'), fullPage: true });
  await expectNoSeriousA11yViolations(page, 'the ImagePolicy page');
});

async function cloneDemo(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'e2e-image-'));
  await run('git', ['clone', '-q', '--', demoRepoUrl(), dir]);
  return dir;
}
