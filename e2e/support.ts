import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

const run = promisify(execFile);
const REPO_ROOT = join(import.meta.dirname, '..');
const KUBECTL = process.env.KUBECTL_BIN ?? join(REPO_ROOT, '.tools', 'bin', 'kubectl');

/** What the running sandbox published about itself. */
export function sandboxState(): { kubeconfigPath: string; gitUrl: string } {
  const dir = process.env.TIDELINE_E2E_DIR ?? '';
  return JSON.parse(readFileSync(join(dir, 'sandbox', 'sandbox.json'), 'utf8')) as {
    kubeconfigPath: string;
    gitUrl: string;
  };
}

/** The demo repository's clone URL. */
export function demoRepoUrl(): string {
  return `${sandboxState().gitUrl}/flux-system.git`;
}

/** kubectl against the sandbox. */
export async function kubectl(...args: string[]): Promise<string> {
  return (
    await run(KUBECTL, ['--kubeconfig', sandboxState().kubeconfigPath, ...args], { encoding: 'utf8' })
  ).stdout.trim();
}

/** The `tideline` CLI against the sandbox. */
export async function tideline(...args: string[]): Promise<string> {
  const { stdout } = await run(
    process.execPath,
    [join(REPO_ROOT, 'apps/server/bin/tideline.js'), ...args, '--kubeconfig', sandboxState().kubeconfigPath],
    {
      encoding: 'utf8',
    },
  );
  return stdout;
}

/** The commit `main` points to in the demo repository. */
export async function demoHead(): Promise<string> {
  const { stdout } = await run('git', ['ls-remote', '--heads', '--', demoRepoUrl(), 'main'], {
    encoding: 'utf8',
  });
  return stdout.split('\t')[0] ?? '';
}

/** Clones the demo repo, rewrites files, commits and pushes; resolves the new sha. */
export async function commitToDemo(
  edit: (read: (path: string) => string) => Record<string, string>,
  message: string,
): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'e2e-demo-'));
  const git = async (...args: string[]): Promise<string> =>
    (
      await run('git', ['-c', 'user.name=e2e', '-c', 'user.email=e2e@tideline.local', ...args], {
        cwd: dir,
        encoding: 'utf8',
      })
    ).stdout.trim();
  await git('clone', '-q', '--', demoRepoUrl(), '.');
  const files = edit((path) => readFileSync(join(dir, path), 'utf8'));
  for (const [path, content] of Object.entries(files)) writeFileSync(join(dir, path), content);
  await git('commit', '-q', '-am', message);
  await git('push', '-q', 'origin', 'main');
  return git('rev-parse', 'HEAD');
}

/** Logs in through the login page. */
export async function logIn(page: Page, token: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Admin token').fill(token);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
}

/** Overview columns by position: Select, Kind, Namespace/Name, Ready, Revision, Suspended, … */
export const REVISION = 4;
/** See {@link REVISION}. */
export const SUSPENDED = 5;

/** Runs axe-core on the page; fails listing every serious or critical violation. */
export async function expectNoSeriousA11yViolations(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    );
  expect(serious, `axe on ${where}`).toEqual([]);
}

/** The overview row of one object. */
export function row(page: Page, kind: string, namespace: string, name: string) {
  return page
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name: `${kind} ${namespace}/${name}`, exact: true }) });
}
